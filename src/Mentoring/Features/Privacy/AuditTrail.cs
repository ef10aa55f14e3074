using System.Globalization;
using System.Text;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.People;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Features.Privacy;

/// <summary>What the audit page and <c>GET /api/audit</c> filter on; every part optional.</summary>
public sealed record AuditQuery(
    string? Entity = null, string? EntityId = null, string? Actor = null, string? Action = null,
    string? From = null, string? To = null, int Page = 1, int PageSize = 50);

/// <summary>One audit line as the API and the page show it.</summary>
public sealed record AuditRecordDto(
    long Id, Instant At, string ActorKind, string? ActorId, string? ActorName, string EntityType, string EntityId,
    string Action, string? Changes, int? SubjectPersonId, string? Ip, string? UserAgent)
{
    public static AuditRecordDto From(AuditRecord r) =>
        new(r.Id, r.At, r.ActorKind, r.ActorId, r.ActorName, r.EntityType, r.EntityId, r.Action, r.Changes, r.SubjectPersonId, r.Ip, r.UserAgent);
}

/// <summary>Reading the audit trail, and the records that no SaveChanges makes (reads, exports).</summary>
public sealed class AuditTrail(MentoringDbContext db, AuditContext audit)
{
    public const int MaxPageSize = 500;

    /// <summary>Notes that the caller, an admin, opened another person's record; written at once.</summary>
    public async Task RecordReadAsync(int personId, string what, CancellationToken cancellationToken)
    {
        db.AuditRecords.Add(audit.NewRecord("person", personId.ToString(CultureInfo.InvariantCulture), AuditActions.Read, personId,
            $"{{\"what\":{System.Text.Json.JsonSerializer.Serialize(what)}}}"));
        if (!db.Database.IsSqlite())
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        // SQLite takes one writer at a time and makes the others retry in a sleeping loop that holds a thread each:
        // twenty admins reading records at once queue here instead, without holding threads.
        await SqliteReads.WaitAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            SqliteReads.Release();
        }
    }

    private static readonly SemaphoreSlim SqliteReads = new(1, 1);

    public async Task<Outcome<Page<AuditRecordDto>>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var filtered = Filter(query);
        if (!filtered.Succeeded)
        {
            return Outcome<Page<AuditRecordDto>>.Invalid(filtered.Errors);
        }
        if (query.Page < 1)
        {
            return Outcome<Page<AuditRecordDto>>.Invalid("page", "must be 1 or more");
        }
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            return Outcome<Page<AuditRecordDto>>.Invalid("pageSize", $"must be from 1 to {MaxPageSize}");
        }
        var records = filtered.Value!;
        var total = await records.CountAsync(cancellationToken);
        var items = await records.OrderByDescending(r => r.Id).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new Page<AuditRecordDto>(items.Select(AuditRecordDto.From).ToList(), total, query.Page, query.PageSize);
    }

    /// <summary>Every record the filter matches, newest first, as CSV (formula-looking cells are quoted harmless).</summary>
    public async Task<Outcome<string>> CsvAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var filtered = Filter(query);
        if (!filtered.Succeeded)
        {
            return Outcome<string>.Invalid(filtered.Errors);
        }
        var csv = new StringBuilder("at,actorKind,actorId,actorName,entity,entityId,action,changes,ip,userAgent\r\n");
        await foreach (var r in filtered.Value!.OrderByDescending(r => r.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            csv.AppendJoin(',', new[]
            {
                InstantPattern.ExtendedIso.Format(r.At), r.ActorKind, r.ActorId, r.ActorName, r.EntityType, r.EntityId, r.Action, r.Changes, r.Ip, r.UserAgent,
            }.Select(Cell)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Cell(string? value)
    {
        value ??= "";
        // A cell a spreadsheet would run as a formula starts with a quote instead.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private Outcome<IQueryable<AuditRecord>> Filter(AuditQuery query)
    {
        var errors = new List<FieldError>();
        var from = ParseMoment(query.From, "from", false, errors);
        var to = ParseMoment(query.To, "to", true, errors);
        if (query.EntityId is { Length: > 200 })
        {
            errors.Add(new FieldError("entityId", "is longer than 200 characters"));
        }
        if (errors.Count > 0)
        {
            return Outcome<IQueryable<AuditRecord>>.Invalid(errors);
        }
        IQueryable<AuditRecord> records = db.AuditRecords.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Entity))
        {
            var entity = query.Entity.Trim().ToLowerInvariant();
            records = records.Where(r => r.EntityType == entity);
        }
        if (!string.IsNullOrWhiteSpace(query.EntityId))
        {
            var id = query.EntityId.Trim();
            records = records.Where(r => r.EntityId == id);
        }
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim().ToLowerInvariant();
            records = records.Where(r => r.ActorId == query.Actor.Trim() || r.ActorKind == actor
                || (r.ActorName != null && r.ActorName.ToLower().Contains(actor)));
        }
        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim().ToLowerInvariant();
            records = records.Where(r => r.Action == action);
        }
        if (from is { } start)
        {
            records = records.Where(r => r.At >= start);
        }
        if (to is { } end)
        {
            records = records.Where(r => r.At < end);
        }
        return Outcome<IQueryable<AuditRecord>>.Ok(records);
    }

    /// <summary>An ISO instant, or a day (UTC): <c>to</c> on a day includes that whole day.</summary>
    private static Instant? ParseMoment(string? value, string field, bool endOfDay, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        value = value.Trim();
        if (InstantPattern.ExtendedIso.Parse(value) is { Success: true } instant)
        {
            return instant.Value;
        }
        if (LocalDatePattern.Iso.Parse(value) is { Success: true } date)
        {
            var day = endOfDay ? date.Value.PlusDays(1) : date.Value;
            return day.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        }
        errors.Add(new FieldError(field, $"\"{value}\" is not a date (yyyy-MM-dd) or an instant (2027-03-01T09:00:00Z)"));
        return null;
    }
}
