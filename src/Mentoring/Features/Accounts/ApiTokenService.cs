using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Accounts;

public sealed record ApiTokenDto(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static ApiTokenDto From(ApiToken t) => new(
        t.Id, t.Name, t.Prefix, t.CreatedAt.ToDateTimeOffset(), t.LastUsedAt?.ToDateTimeOffset(), t.RevokedAt?.ToDateTimeOffset());
}

/// <summary>A token just made: the only time its secret is seen.</summary>
public sealed record CreatedApiToken(ApiTokenDto Token, string Secret);

/// <summary>Personal API tokens: each person creates, lists and revokes their own.</summary>
public sealed class ApiTokenService(MentoringDbContext db, IClock clock)
{
    public async Task<CreatedApiToken> CreateAsync(string userId, string name, CancellationToken cancellationToken)
    {
        var secret = ApiTokens.NewSecret();
        var token = new ApiToken
        {
            UserId = userId,
            Name = name.Trim(),
            Prefix = ApiTokens.PrefixOf(secret),
            Hash = ApiTokens.Hash(secret),
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiToken(ApiTokenDto.From(token), secret);
    }

    public async Task<List<ApiTokenDto>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(cancellationToken);
        return tokens.OrderByDescending(t => t.CreatedAt).Select(ApiTokenDto.From).ToList();
    }

    /// <summary>Revokes one of the user's own tokens; false when they have no such token.</summary>
    public async Task<bool> RevokeAsync(string userId, int tokenId, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return false;
        }
        token.RevokedAt ??= clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
