using NodaTime;

namespace Mentoring.Domain;

/// <summary>Who made a change or read a record.</summary>
public static class AuditActorKinds
{
    /// <summary>A person signed in with their account (cookie or single sign-on).</summary>
    public const string Account = "account";

    /// <summary>A script with a personal API token.</summary>
    public const string Token = "token";

    /// <summary>An identity provider over SCIM.</summary>
    public const string Scim = "scim";

    /// <summary>Nobody signed in: a sign-in, a link from an e-mail (setting a password).</summary>
    public const string Anonymous = "anonymous";

    /// <summary>The app itself: jobs, the clock-driven passes, the command line.</summary>
    public const string System = "system";
}

/// <summary>What happened to the entity.</summary>
public static class AuditActions
{
    public const string Created = "created";
    public const string Changed = "changed";
    public const string Deleted = "deleted";

    /// <summary>An admin opened another person's record (their page or the API's detail).</summary>
    public const string Read = "read";

    /// <summary>Everything held about a person was exported.</summary>
    public const string Exported = "exported";

    /// <summary>A person was erased (pseudonymised).</summary>
    public const string Erased = "erased";

    /// <summary>A retention pass removed what had been kept long enough.</summary>
    public const string Removed = "removed";
}

/// <summary>
/// One line of the audit trail: who did what to which record, when and from where. Written by
/// <c>Infrastructure/Audit/AuditInterceptor</c> in the same transaction as the change. Append-only:
/// nothing in the product changes or deletes a record, except erasure, which blanks the erased
/// person's name, e-mail and texts inside the values (see docs/privacy.md).
/// </summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    public Instant At { get; set; }

    /// <summary>One of <see cref="AuditActorKinds"/>.</summary>
    public required string ActorKind { get; set; }

    /// <summary>The account id, the API token's or SCIM token's id, or what the system was doing.</summary>
    public string? ActorId { get; set; }

    /// <summary>The account's e-mail, the token's name and owner, the SCIM token's name.</summary>
    public string? ActorName { get; set; }

    /// <summary>The account behind the actor (for accounts and API tokens), so a person's own actions can be found.</summary>
    public string? ActorAccountId { get; set; }

    /// <summary>The kind of record, in kebab case: <c>person</c>, <c>enrollment</c>, <c>api-token</c>, …</summary>
    public required string EntityType { get; set; }

    /// <summary>The record's key (parts joined by <c>/</c> for composite keys).</summary>
    public required string EntityId { get; set; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>
    /// The fields, as JSON: <c>{"name":{"old":"A","new":"B"}}</c>; a secret or private field is
    /// <c>{"passwordHash":{"hidden":true}}</c>, changed but never with its values.
    /// </summary>
    public string? Changes { get; set; }

    /// <summary>The person the record is about, when there is one (for their export and for erasure).</summary>
    public int? SubjectPersonId { get; set; }

    public string? Ip { get; set; }

    public string? UserAgent { get; set; }
}
