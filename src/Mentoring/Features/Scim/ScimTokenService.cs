using System.ComponentModel.DataAnnotations;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Scim;

public sealed record ScimTokenDto(int Id, string Name, string Prefix, string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static ScimTokenDto From(ScimToken t) => new(
        t.Id, t.Name, t.Prefix, t.CreatedBy, t.CreatedAt.ToDateTimeOffset(), t.LastUsedAt?.ToDateTimeOffset(), t.RevokedAt?.ToDateTimeOffset());
}

/// <summary>A SCIM token just made: the only time its secret is seen.</summary>
public sealed record CreatedScimToken(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, string Secret);

public sealed record ScimTokenInput
{
    [Required, StringLength(200, MinimumLength = 1)]
    public string Name { get; init; } = "";
}

/// <summary>The organisation's SCIM tokens, made and revoked by admins; stored hashed like personal API tokens.</summary>
public sealed class ScimTokenService(MentoringDbContext db, IClock clock)
{
    private const string SecretPrefix = "scim_";

    public async Task<CreatedScimToken> CreateAsync(string name, string? createdBy, CancellationToken cancellationToken)
    {
        // The same randomness and hash as personal tokens, with its own prefix so that nobody mistakes one for the other.
        var secret = SecretPrefix + ApiTokens.NewSecret()[4..];
        var token = new ScimToken
        {
            Name = name.Trim(),
            Prefix = ApiTokens.PrefixOf(secret),
            Hash = ApiTokens.Hash(secret),
            CreatedBy = createdBy,
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.Set<ScimToken>().Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedScimToken(token.Id, token.Name, token.Prefix, token.CreatedAt.ToDateTimeOffset(), secret);
    }

    public async Task<List<ScimTokenDto>> ListAsync(CancellationToken cancellationToken)
    {
        var tokens = await db.Set<ScimToken>().AsNoTracking().ToListAsync(cancellationToken);
        return tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Select(ScimTokenDto.From).ToList();
    }

    /// <summary>Revokes a token; false when there is no such token.</summary>
    public async Task<bool> RevokeAsync(int id, CancellationToken cancellationToken)
    {
        var token = await db.Set<ScimToken>().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
        {
            return false;
        }
        token.RevokedAt ??= clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
