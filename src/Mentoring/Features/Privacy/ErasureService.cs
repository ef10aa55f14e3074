using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mentoring.Features.Privacy;

/// <summary>What an erasure removed, for the API's answer and the page.</summary>
public sealed record ErasureResult(int PersonId, string Pseudonym, bool AccountDeleted, int ApiTokensDeleted, int TextsRemoved, int CellsSwept);

/// <summary>
/// Erases a person: every feature's contributor removes the person's own texts, the record is kept
/// pseudonymised (so counts and aggregates stay right), the account and its tokens are deleted, the
/// HR id becomes a random one (a later import of the same id makes a new person), and the name,
/// e-mail and texts are swept from every text column they may be quoted in (session titles, match
/// reasons, the outbox, the audit trail). Then the store is compacted so the bytes are gone too.
/// </summary>
public sealed class ErasureService(MentoringDbContext db, IEnumerable<IPersonalDataContributor> contributors, AuditContext audit)
{
    /// <summary>Shorter texts are not swept from other rows: a word that short would hit other people's words.</summary>
    public const int MinSweptLength = 4;

    /// <summary>Where a person's texts are quoted (derived columns); their name and e-mail are swept from every text column.</summary>
    private static readonly Type[] Quoting =
        [typeof(Mentorship), typeof(MatchProposal), typeof(Notification), typeof(AuditRecord), typeof(BackgroundJob), typeof(RoulettePairing), typeof(ScheduledSession), typeof(GroupActivity)];

    public static string PseudonymOf(int personId) => string.Create(CultureInfo.InvariantCulture, $"Erased person {personId}");

    public async Task<Outcome<ErasureResult>> EraseAsync(int personId, CancellationToken cancellationToken) =>
        await EraseAsync(personId, flush: true, cancellationToken);

    /// <param name="flush">Compact the store afterwards; retention erases many and compacts once.</param>
    public async Task<Outcome<ErasureResult>> EraseAsync(int personId, bool flush, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return Outcome<ErasureResult>.NotFound();
        }
        if (person.ErasedAt is not null)
        {
            return Outcome<ErasureResult>.Invalid("id", "this person was already erased");
        }
        var account = await db.Users.SingleOrDefaultAsync(u => u.PersonId == personId, cancellationToken);
        var identifying = new[] { person.Name, person.Email }.Where(s => s is { Length: >= MinSweptLength }).Cast<string>().ToList();
        if (account is not null)
        {
            identifying.AddRange(new[] { account.Email, account.UserName, account.DisplayName }.Where(s => s is { Length: >= MinSweptLength }).Cast<string>());
        }
        var erasure = new PersonErasure(person, account?.Id, identifying.Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToList());
        var pseudonym = PseudonymOf(personId);
        var tokens = 0;
        var swept = 0;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var contributor in contributors)
            {
                await contributor.EraseAsync(erasure, cancellationToken);
            }
            person.Name = pseudonym;
            person.Email = null;
            person.ExternalId = "erased-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            person.CalendarToken = null;
            person.Active = false;
            person.ErasedAt = audit.Now;
            person.RefreshSearchText();
            if (account is not null)
            {
                var owned = await db.ApiTokens.Where(t => t.UserId == account.Id).ToListAsync(cancellationToken);
                tokens = owned.Count;
                db.ApiTokens.RemoveRange(owned);
                db.Users.Remove(account);
            }
            // The erasure is one audit line that names what went, not the values (which are what goes).
            db.AuditRecords.Add(audit.NewRecord("person", personId.ToString(CultureInfo.InvariantCulture), AuditActions.Erased, personId,
                new JsonObject
                {
                    ["name"] = new JsonObject { ["erased"] = true },
                    ["email"] = new JsonObject { ["erased"] = true },
                    ["employeeId"] = new JsonObject { ["erased"] = true },
                    ["texts"] = erasure.Texts.Count,
                    ["account"] = account is not null,
                    ["apiTokens"] = tokens,
                }.ToJsonString()));
            audit.Suppressed = true;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                audit.Suppressed = false;
            }
            swept = await SweepAsync(erasure, pseudonym, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        if (flush)
        {
            await StoreCompaction.CompactAsync(db, cancellationToken);
        }
        return new ErasureResult(personId, pseudonym, account is not null, tokens, erasure.Texts.Count, swept);
    }

    /// <summary>Replaces the name and e-mail in every text column, and the person's texts in the columns that quote people.</summary>
    private async Task<int> SweepAsync(PersonErasure erasure, string pseudonym, CancellationToken cancellationToken)
    {
        var cells = 0;
        foreach (var (table, column, entity) in TextColumns(db.Model))
        {
            foreach (var value in erasure.Identifying)
            {
                var replacement = value.Contains('@', StringComparison.Ordinal) ? "erased" : pseudonym;
                cells += await ReplaceAsync(table, column, value, replacement, cancellationToken);
            }
            if (Quoting.Contains(entity))
            {
                foreach (var text in erasure.Texts.Distinct(StringComparer.Ordinal).OrderByDescending(t => t.Length))
                {
                    cells += await ReplaceAsync(table, column, text, "(erased)", cancellationToken);
                }
            }
        }
        return cells;
    }

    private Task<int> ReplaceAsync(string table, string column, string value, string replacement, CancellationToken cancellationToken) =>
        // Table and column names come from the model, never from input; the values are parameters.
#pragma warning disable EF1002
        db.Database.ExecuteSqlRawAsync(
            $"UPDATE \"{table}\" SET \"{column}\" = REPLACE(\"{column}\", {{0}}, {{1}}) WHERE \"{column}\" <> REPLACE(\"{column}\", {{0}}, {{1}})",
            [value, replacement], cancellationToken);
#pragma warning restore EF1002

    /// <summary>Every column that stores text (JSON lists included on SQLite; PostgreSQL arrays are left to the contributors).</summary>
    private static IEnumerable<(string Table, string Column, Type Entity)> TextColumns(IModel model)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table || entity.IsOwned())
            {
                continue;
            }
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                var providerType = property.GetTypeMapping().Converter?.ProviderClrType ?? property.GetTypeMapping().ClrType;
                var columnType = property.GetColumnType();
                if (providerType != typeof(string) || property.IsKey() || property.IsForeignKey()
                    || columnType.EndsWith("[]", StringComparison.Ordinal) || columnType.Contains("json", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                if (property.GetColumnName(store) is { } column && seen.Add(table + "." + column))
                {
                    yield return (table, column, entity.ClrType);
                }
            }
        }
    }

    /// <summary>An audit record's changes with every value gone: the fields stay, marked erased.</summary>
    public static string WithoutValues(string changes)
    {
        if (JsonNode.Parse(changes) is not JsonObject fields)
        {
            return "{}";
        }
        var blank = new JsonObject();
        foreach (var (name, value) in fields)
        {
            blank[name] = value is JsonObject { } change && change.ContainsKey("hidden") ? new JsonObject { ["hidden"] = true } : new JsonObject { ["erased"] = true };
        }
        return blank.ToJsonString();
    }
}

/// <summary>After an erasure: the freed pages hold the old bytes until the store is rewritten.</summary>
public static class StoreCompaction
{
    public static async Task CompactAsync(MentoringDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // VACUUM rewrites the file without the freed pages; the checkpoints fold the log into the file and empty the -wal.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("VACUUM;", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
        else
        {
            // VACUUM FULL rewrites the tables that held the person, so the old row versions are gone from the files.
            foreach (var table in new[] { "People", "AspNetUsers", "ApiTokens", "Notifications", "AuditRecords", "Enrollments", "Sessions", "Mentorships", "MentorRequests" })
            {
                if (db.Model.GetEntityTypes().Any(e => e.GetTableName() == table))
                {
#pragma warning disable EF1002 // table names from the model
                    await db.Database.ExecuteSqlRawAsync($"VACUUM FULL \"{table}\";", cancellationToken);
#pragma warning restore EF1002
                }
            }
        }
    }
}
