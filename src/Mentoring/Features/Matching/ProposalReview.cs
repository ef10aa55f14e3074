using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Matching;

/// <summary>
/// Which lines of a proposal to show: a fit band, a flag, the mentee's office, an order, a page.
/// The review page and the API read it from the query string (<c>?fit=&amp;flag=&amp;office=&amp;sort=&amp;page=&amp;pageSize=</c>).
/// </summary>
public sealed record ProposalQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>strong (0.60 and above), fair (0.40 to 0.59) or weak (below 0.40); matched lines only.</summary>
    public string? Fit { get; init; }

    /// <summary>matched, unmatched, locked or support (their manager asked for support).</summary>
    public string? Flag { get; init; }

    /// <summary>The mentee's office.</summary>
    public int? Office { get; init; }

    /// <summary>One mentee's line only: the one being rematched from the health page.</summary>
    public int? Mentee { get; init; }

    /// <summary>priority (the default: matched first, those who need it most first), fit (best first), fit-low (weakest first) or name.</summary>
    public string? Sort { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    public static readonly string[] Fits = ["strong", "fair", "weak"];
    public static readonly string[] Flags = ["matched", "unmatched", "locked", "support"];
    public static readonly string[] Sorts = ["priority", "fit", "fit-low", "name"];

    public bool Filtered => Fit is not null || Flag is not null || Office is not null || Mentee is not null;

    /// <summary>The field a bad value is in, for a 400 at the API.</summary>
    public Outcome<ProposalQuery> Check()
    {
        if (Fit is not null && !Fits.Contains(Fit))
        {
            return Outcome.Invalid("fit", "fit is strong, fair or weak");
        }
        if (Flag is not null && !Flags.Contains(Flag))
        {
            return Outcome.Invalid("flag", "flag is matched, unmatched, locked or support");
        }
        if (Sort is not null && !Sorts.Contains(Sort))
        {
            return Outcome.Invalid("sort", "sort is priority, fit, fit-low or name");
        }
        if (Page < 1)
        {
            return Outcome.Invalid("page", "page starts at 1");
        }
        if (PageSize is < 1 or > MaxPageSize)
        {
            return Outcome.Invalid("pageSize", $"pageSize is from 1 to {MaxPageSize}");
        }
        return this;
    }

    /// <summary>What the page makes of a hand-edited address: unknown values are dropped, not refused.</summary>
    public ProposalQuery Lenient() => this with
    {
        Fit = Fits.Contains(Fit) ? Fit : null,
        Flag = Flags.Contains(Flag) ? Flag : null,
        Sort = Sorts.Contains(Sort) && Sort != "priority" ? Sort : null,
        Page = Math.Max(1, Page),
        PageSize = PageSize is < 1 or > MaxPageSize ? DefaultPageSize : PageSize,
    };

    public static string FitOf(double score) => score >= 0.6 ? "strong" : score >= 0.4 ? "fair" : "weak";
}

/// <summary>Counts over the whole proposal, whatever the filter: what the admin reviews at a glance.</summary>
public sealed record ProposalSummary(
    int Lines, int Matched, int Unmatched, int Locked, int Support,
    IReadOnlyDictionary<string, int> ByFit, IReadOnlyList<OfficeCount> ByOffice, IReadOnlyList<PriorityCount> ByPriority);

public sealed record OfficeCount(int Id, string Name, int Lines);

public sealed record PriorityCount(int Priority, int Lines, int Matched);

/// <summary>One page of a proposal's lines, in the order asked, and how many lines the filter keeps.</summary>
public sealed record ProposalPage(ProposalQuery Query, int Total, int MatchedTotal, IReadOnlyList<MatchProposal> Lines)
{
    public int Pages => Math.Max(1, (Total + Query.PageSize - 1) / Query.PageSize);

    public int From => Total == 0 ? 0 : ((Query.Page - 1) * Query.PageSize) + 1;

    public int To => Math.Min(Total, Query.Page * Query.PageSize);
}

/// <summary>
/// Reads a proposal of any size a page at a time: one narrow query of every line (ids, fit, flags,
/// office, the mentee's name) for the counts, the filter and the order, then the people of the
/// page's lines only.
/// </summary>
public static class ProposalReview
{
    private sealed record Row(int Id, bool Matched, double Score, bool Locked, int Priority, int? Office, bool Support, string Name, int MenteeId);

    public static async Task<(ProposalSummary Summary, ProposalPage Page)> ReadAsync(
        MentoringDbContext db, int programId, int runId, ProposalQuery query, CancellationToken cancellationToken)
    {
        var rows = await db.MatchProposals.AsNoTracking().Where(p => p.RunId == runId)
            .Select(p => new Row(p.Id, p.MentorId != null, p.Score, p.Locked, p.Priority, p.Mentee!.OfficeId,
                db.Enrollments.Any(e => e.ProgramId == programId && e.PersonId == p.MenteeId && e.FlaggedForSupport), p.Mentee.Name, p.MenteeId))
            .ToListAsync(cancellationToken);

        var officeIds = rows.Where(r => r.Office is not null).Select(r => r.Office!.Value).Distinct().ToList();
        var offices = await db.Offices.AsNoTracking().Where(o => officeIds.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        var matched = rows.Count(r => r.Matched);
        var summary = new ProposalSummary(
            rows.Count, matched, rows.Count - matched, rows.Count(r => r.Locked), rows.Count(r => r.Support),
            ProposalQuery.Fits.ToDictionary(f => f, f => rows.Count(r => r.Matched && ProposalQuery.FitOf(r.Score) == f)),
            offices.Select(o => new OfficeCount(o.Id, o.Name, rows.Count(r => r.Office == o.Id))).OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            rows.GroupBy(r => r.Priority).Select(g => new PriorityCount(g.Key, g.Count(), g.Count(r => r.Matched))).OrderByDescending(p => p.Priority).ToList());

        IEnumerable<Row> kept = rows;
        if (query.Fit is { } fit)
        {
            kept = kept.Where(r => r.Matched && ProposalQuery.FitOf(r.Score) == fit);
        }
        kept = query.Flag switch
        {
            "matched" => kept.Where(r => r.Matched),
            "unmatched" => kept.Where(r => !r.Matched),
            "locked" => kept.Where(r => r.Locked),
            "support" => kept.Where(r => r.Support),
            _ => kept,
        };
        if (query.Office is { } office)
        {
            kept = kept.Where(r => r.Office == office);
        }
        if (query.Mentee is { } mentee)
        {
            kept = kept.Where(r => r.MenteeId == mentee);
        }
        // The default order is the one the API always listed: matched first, those who need it most first, by name.
        var ordered = query.Sort switch
        {
            "fit" => kept.OrderBy(r => !r.Matched).ThenByDescending(r => r.Score),
            "fit-low" => kept.OrderBy(r => !r.Matched).ThenBy(r => r.Score),
            "name" => kept.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase),
            _ => kept.OrderBy(r => !r.Matched).ThenByDescending(r => r.Priority),
        };
        var all = ordered.ThenBy(r => r.Name).ThenBy(r => r.Id).ToList();
        var ids = all.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(r => r.Id).ToList();

        var lines = await db.MatchProposals.AsNoTracking()
            .Include(p => p.Mentee).ThenInclude(p => p!.Office)
            .Include(p => p.Mentor).ThenInclude(p => p!.Office)
            .Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return (summary, new ProposalPage(query, all.Count, all.Count(r => r.Matched), lines.OrderBy(l => position[l.Id]).ToList()));
    }
}
