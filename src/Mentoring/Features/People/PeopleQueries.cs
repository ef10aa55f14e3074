using Mentoring.Data;
using Mentoring.Domain;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.People;

/// <summary>Search, filters and paging of the roster, shared by the API and the people page.</summary>
public sealed record PeopleFilter(
    string? Search = null, string? Department = null, int? OfficeId = null, int? Level = null, bool? Active = null,
    int Page = 1, int PageSize = 50)
{
    public const int MaxPageSize = 500;

    public int SafePage => Math.Max(1, Page);

    public int SafePageSize => Math.Clamp(PageSize, 1, MaxPageSize);
}

/// <summary>One page of results and the total that matched.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A row of the people list.</summary>
public sealed record PersonSummary(
    int Id, string ExternalId, string Name, string? Email, string? Department, string? JobTitle, int Level,
    int? OfficeId, string? OfficeName, bool Active);

public static class PeopleQueries
{
    public static IQueryable<Person> Apply(this IQueryable<Person> people, PeopleFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // SearchText is kept lower-case, so one LIKE works the same on SQLite and PostgreSQL.
            var term = "%" + EscapeLike(filter.Search.Trim().ToLowerInvariant()) + "%";
            people = people.Where(p => EF.Functions.Like(p.SearchText, term, "\\"));
        }
        if (!string.IsNullOrWhiteSpace(filter.Department))
        {
            people = people.Where(p => p.Department == filter.Department);
        }
        if (filter.OfficeId is { } officeId)
        {
            people = people.Where(p => p.OfficeId == officeId);
        }
        if (filter.Level is { } level)
        {
            people = people.Where(p => p.Level == level);
        }
        if (filter.Active is { } active)
        {
            people = people.Where(p => p.Active == active);
        }
        return people;
    }

    /// <param name="countUpTo">
    /// When given, the total of a list without a search is counted only that far: past it, <see cref="Page{T}.Total"/> is
    /// <paramref name="countUpTo"/> + 1, which says "more than <paramref name="countUpTo"/>" (counting 100,000 people
    /// to print their number costs more than the rest of the page). Without it the total is exact.
    /// </param>
    public static async Task<Page<PersonSummary>> ListAsync(
        MentoringDbContext db, PeopleFilter filter, CancellationToken cancellationToken, int? countUpTo = null)
    {
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            return await SearchAsync(db, filter, cancellationToken);
        }
        var query = db.People.AsNoTracking().Apply(filter);
        var total = countUpTo is { } limit
            ? await query.Take(limit + 1).CountAsync(cancellationToken)
            : await query.CountAsync(cancellationToken);
        var items = await query
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Skip((filter.SafePage - 1) * filter.SafePageSize)
            .Take(filter.SafePageSize)
            .Select(p => new PersonSummary(p.Id, p.ExternalId, p.Name, p.Email, p.Department, p.JobTitle, p.Level,
                p.OfficeId, p.Office == null ? null : p.Office.Name, p.Active))
            .ToListAsync(cancellationToken);
        return new Page<PersonSummary>(items, total, filter.SafePage, filter.SafePageSize);
    }

    /// <summary>
    /// A search's page and its exact total in one query: the same people, in the same order, as <see cref="Apply"/> with
    /// <c>ORDER BY Name, Id</c>. Only the matches' ids and names are counted and sorted, and only the page's people are
    /// read in full.
    /// </summary>
    private static async Task<Page<PersonSummary>> SearchAsync(MentoringDbContext db, PeopleFilter filter, CancellationToken cancellationToken)
    {
        var arguments = new List<object>();
        string Argument(object value)
        {
            arguments.Add(value);
            return "{" + (arguments.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        }
        var where = new List<string>();
        var people = "\"People\" AS x";
        if (db.Database.IsSqlite() && TrigramPhrase(filter.Search) is { } phrase)
        {
            // SQLite has no index for LIKE '%term%'. Its case-sensitive trigram index (PeopleSearch, migration
            // ScalePages4Search) matches exactly the people the LIKE does: both terms and SearchText are lower-case, so
            // the LIKE (case-blind for ASCII only) is "contains", and so is a trigram phrase without case folding. So the
            // matches' rows are not read: their ids, active flags and names come from IX_People_Id_Active_Name.
            people = "\"People\" AS x INDEXED BY \"IX_People_Id_Active_Name\"";
            where.Add($"""x."Id" IN (SELECT rowid FROM "PeopleSearch" WHERE "PeopleSearch" MATCH {Argument(phrase)})""");
        }
        else
        {
            // SearchText is kept lower-case, so one LIKE works the same on SQLite and PostgreSQL (PostgreSQL answers it
            // from its trigram GIN index).
            where.Add($"""x."SearchText" LIKE {Argument("%" + EscapeLike(filter.Search!.Trim().ToLowerInvariant()) + "%")} ESCAPE '\'""");
        }
        if (!string.IsNullOrWhiteSpace(filter.Department))
        {
            where.Add($"""x."Department" = {Argument(filter.Department)}""");
        }
        if (filter.OfficeId is { } officeId)
        {
            where.Add($"""x."OfficeId" = {Argument(officeId)}""");
        }
        if (filter.Level is { } level)
        {
            where.Add($"""x."Level" = {Argument(level)}""");
        }
        if (filter.Active is { } active)
        {
            where.Add($"""x."Active" = {Argument(active)}""");
        }
        var matches = $"""SELECT x."Id", x."Name" FROM {people} WHERE {string.Join(" AND ", where)}""";
        var skip = (filter.SafePage - 1) * filter.SafePageSize;
        // The matches are gathered once (MATERIALIZED: PostgreSQL 15 would otherwise walk the name index through all
        // 100,000 people, costing the window count as if it stopped after one page), then counted, and sorted to find
        // the page; only the page's people are read whole.
        var sql = $"""
            WITH "m" AS MATERIALIZED ({matches})
            SELECT p."Id", p."ExternalId", p."Name", p."Email", p."Department", p."JobTitle", p."Level", p."OfficeId",
                o."Name" AS "OfficeName", p."Active", (SELECT COUNT(*) FROM "m") AS "Total"
            FROM (SELECT "m"."Id", "m"."Name" FROM "m" ORDER BY "m"."Name", "m"."Id" LIMIT {Argument(filter.SafePageSize)} OFFSET {Argument(skip)}) AS "page"
            JOIN "People" AS p ON p."Id" = "page"."Id"
            LEFT JOIN "Offices" AS o ON o."Id" = p."OfficeId"
            ORDER BY "page"."Name", "page"."Id"
            """;
        var rows = await db.Database.SqlQuery<SearchRow>(FormattableStringFactory.Create(sql, [.. arguments])).ToListAsync(cancellationToken);
        var items = rows.Select(r => new PersonSummary(r.Id, r.ExternalId, r.Name, r.Email, r.Department, r.JobTitle, r.Level,
            r.OfficeId, r.OfficeName, r.Active)).ToList();
        // A page past the end has no row to carry the total: count it alone (a bookmarked page after the roster shrank).
        var total = rows.Count > 0 ? (int)rows[0].Total
            : skip == 0 ? 0
            : await db.Database.SqlQuery<int>(FormattableStringFactory.Create(
                $"""SELECT COUNT(*) AS "Value" FROM ({matches}) AS "m" """, [.. arguments.Take(arguments.Count - 2)])).SingleAsync(cancellationToken);
        return new Page<PersonSummary>(items, total, filter.SafePage, filter.SafePageSize);
    }

    private sealed class SearchRow
    {
        public int Id { get; set; }
        public string ExternalId { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Email { get; set; }
        public string? Department { get; set; }
        public string? JobTitle { get; set; }
        public int Level { get; set; }
        public int? OfficeId { get; set; }
        public string? OfficeName { get; set; }
        public bool Active { get; set; }
        public long Total { get; set; }
    }

    /// <summary>The departments in use, for filter drop-downs.</summary>
    /// <remarks>
    /// A skip scan of the department index: one look-up per department instead of reading 100,000 entries to
    /// find a dozen names (SELECT DISTINCT reads them all on SQLite and PostgreSQL alike).
    /// </remarks>
    public static Task<List<string>> DepartmentsAsync(MentoringDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<string>("""
            WITH RECURSIVE "d"("Value") AS (
                SELECT MIN("Department") FROM "People" WHERE "Department" IS NOT NULL
                UNION ALL
                SELECT (SELECT MIN("p"."Department") FROM "People" AS "p" WHERE "p"."Department" > "d"."Value") FROM "d" WHERE "d"."Value" IS NOT NULL)
            SELECT "Value" FROM "d" WHERE "Value" IS NOT NULL ORDER BY "Value"
            """).ToListAsync(cancellationToken);

    /// <summary>
    /// The search as an FTS5 phrase for the trigram index, or null when the index cannot answer it (it needs three
    /// characters or more, and no NUL).
    /// </summary>
    public static string? TrigramPhrase(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return null;
        }
        var term = search.Trim().ToLowerInvariant();
        // A NUL would end the MATCH expression early: such a term is left to the LIKE.
        return term.EnumerateRunes().Count() < 3 || term.Contains('\0', StringComparison.Ordinal) ? null : "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
