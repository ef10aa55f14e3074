using NodaTime;

namespace Mentoring.Domain;

/// <summary>
/// A personal API token for scripts (<c>Authorization: Bearer …</c>). Only a SHA-256 hash of the
/// secret is stored; the secret is shown once, when the token is created.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public UserAccount? User { get; set; }

    /// <summary>What the owner called it, e.g. "nightly HR sync".</summary>
    public required string Name { get; set; }

    /// <summary>The first characters of the secret, so the owner can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Hex SHA-256 of the whole secret.</summary>
    [NotAudited]
    public required string Hash { get; set; }

    public Instant CreatedAt { get; set; }

    [AuditIgnored]
    public Instant? LastUsedAt { get; set; }

    public Instant? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}
