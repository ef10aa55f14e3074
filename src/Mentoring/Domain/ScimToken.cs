using NodaTime;

namespace Mentoring.Domain;

/// <summary>
/// A bearer token with which an identity provider (Okta, Microsoft Entra) provisions people over
/// SCIM at <c>/scim/v2</c>. It belongs to the organisation, not to an account, and opens nothing
/// else. Only a SHA-256 hash of the secret is stored; the secret is shown once, when it is made.
/// </summary>
public sealed class ScimToken
{
    public int Id { get; set; }

    /// <summary>What the admin called it, e.g. "Okta production".</summary>
    public required string Name { get; set; }

    /// <summary>The first characters of the secret, so admins can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Hex SHA-256 of the whole secret.</summary>
    [NotAudited]
    public required string Hash { get; set; }

    /// <summary>The e-mail of the admin who made it, kept as text so that it outlives their account.</summary>
    public string? CreatedBy { get; set; }

    public Instant CreatedAt { get; set; }

    [AuditIgnored]
    public Instant? LastUsedAt { get; set; }

    public Instant? RevokedAt { get; set; }
}
