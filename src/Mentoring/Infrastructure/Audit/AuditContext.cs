using System.Globalization;
using System.Security.Claims;
using Mentoring.Domain;
using NodaTime;

namespace Mentoring.Infrastructure.Audit;

/// <summary>Who is acting, as the audit trail names them.</summary>
public sealed record AuditActor(string Kind, string? Id, string? Name, string? AccountId)
{
    public static AuditActor System(string what) => new(AuditActorKinds.System, what, what, null);
}

/// <summary>
/// Who is acting in this scope and from where: the HTTP caller (an account, an API token, a SCIM
/// token, nobody), or what a background pass says it is (<see cref="ActAs"/>). Scoped: one per
/// request or job, read by the audit interceptor of the same scope's database context.
/// </summary>
public sealed class AuditContext(IServiceProvider services, IClock clock)
{
    /// <summary>The claim an API token's principal carries (the token's id), so its changes are told apart from the account's.</summary>
    public const string ApiTokenClaim = "api_token";

    public const string ApiTokenNameClaim = "api_token_name";

    private AuditActor? actor;

    private HttpContext? Http => services.GetService<IHttpContextAccessor>()?.HttpContext;

    /// <summary>Off while the demo organisation is seeded: a store's first fill is nobody's change.</summary>
    public bool Suppressed { get; set; }

    public Instant Now => clock.GetCurrentInstant();

    /// <summary>Names the actor for work that has no HTTP caller (a job started by someone, a clock-driven pass).</summary>
    public void ActAs(AuditActor who) => actor = who;

    public AuditActor Actor => actor ?? FromHttp();

    public string? Ip => Http?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent => Http?.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent
        ? agent[..Math.Min(agent.Length, 500)]
        : null;

    private AuditActor FromHttp()
    {
        if (Http is not { } http)
        {
            return AuditActor.System("the app");
        }
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return new AuditActor(AuditActorKinds.Anonymous, null, null, null);
        }
        if (user.FindFirstValue("scim_token") is { } scim)
        {
            return new AuditActor(AuditActorKinds.Scim, scim, user.Identity.Name, null);
        }
        var account = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user.FindFirstValue(ApiTokenClaim) is { } token)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{user.FindFirstValue(ApiTokenNameClaim)} ({user.Identity.Name})");
            return new AuditActor(AuditActorKinds.Token, token, name, account);
        }
        return new AuditActor(AuditActorKinds.Account, account, user.Identity.Name, account);
    }

    /// <summary>A new record by the current actor, from the current place.</summary>
    public AuditRecord NewRecord(string entityType, string entityId, string action, int? subjectPersonId = null, string? changes = null)
    {
        var who = Actor;
        return new AuditRecord
        {
            At = Now,
            ActorKind = who.Kind,
            ActorId = Clip(who.Id, 450),
            ActorName = Clip(who.Name, 320),
            ActorAccountId = who.AccountId,
            EntityType = entityType,
            EntityId = Clip(entityId, 200)!,
            Action = action,
            Changes = changes,
            SubjectPersonId = subjectPersonId,
            Ip = Ip,
            UserAgent = UserAgent,
        };
    }

    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
