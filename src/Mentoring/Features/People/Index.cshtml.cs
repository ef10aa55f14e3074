using Mentoring.Data;
using Mentoring.Features.Accounts;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.People;

/// <summary>
/// The roster: search, filters and paging, all in the query string so a view can be bookmarked
/// and shared. Uses the indexed roster query, so it stays quick with tens of thousands of people.
/// </summary>
public sealed class IndexModel(MentoringDbContext db, AccountsService accounts) : PageModel
{
    public const int PageSize = 50;

    /// <summary>
    /// How far the list's total and the people to invite are counted: past it the page says "more than 10,000", as
    /// counting all of 100,000 people costs more than the rest of the page. A search counts its matches exactly.
    /// </summary>
    public const int CountUpTo = 10_000;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Office { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Level { get; set; }

    /// <summary><c>active</c> (the default), <c>inactive</c> or <c>all</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>The page of results, as <c>p</c>: Razor Pages keeps <c>page</c> for the page's own path.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<PersonSummary> Results { get; private set; } = new([], 0, 1, PageSize);

    public IReadOnlyList<string> Departments { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Offices { get; private set; } = [];

    /// <summary>Each listed person's account, when they have one (or a pending invitation).</summary>
    public IReadOnlyDictionary<int, PersonAccount> AccountsOf { get; private set; } = new Dictionary<int, PersonAccount>();

    /// <summary>Active people with an e-mail address and no account, whom "Invite everyone" reaches.</summary>
    public int WithoutAccount { get; private set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>More people matched than were counted (<see cref="CountUpTo"/>): the total is a lower bound.</summary>
    public bool MoreThanCounted { get; private set; }

    /// <summary>More than <see cref="CountUpTo"/> people can be invited.</summary>
    public bool ManyWithoutAccount => WithoutAccount > CountUpTo;

    public bool Filtered => !string.IsNullOrWhiteSpace(Search) || Department is not null || Office is not null || Level is not null
        || Status is "inactive" or "all";

    public async Task<IActionResult> OnGetAsync()
    {
        // The filter form sends every field, even empty ones: answer with the tidy address to bookmark and share.
        if (Request.Query.Any(q => string.IsNullOrWhiteSpace(q.Value)))
        {
            return Redirect(PageUrl(PageNumber));
        }
        var cancellationToken = HttpContext.RequestAborted;
        bool? active = Status switch { "inactive" => false, "all" => null, _ => true };
        var filter = new PeopleFilter(Search, string.IsNullOrEmpty(Department) ? null : Department, Office, Level, active, PageNumber, PageSize);
        // Counted as far as this page and CountUpTo past its start, so the pages after it can be linked.
        var countUpTo = (filter.SafePage - 1) * PageSize + CountUpTo;
        Results = await PeopleQueries.ListAsync(db, filter, cancellationToken, countUpTo);
        if (Results.Items.Count == 0 && Results.Total > 0 && PageNumber > Results.PageCount)
        {
            // A bookmarked page past the end (after filters changed) shows the last page instead.
            filter = filter with { Page = Results.PageCount };
            countUpTo = (filter.SafePage - 1) * PageSize + CountUpTo;
            Results = await PeopleQueries.ListAsync(db, filter, cancellationToken, countUpTo);
        }
        // A search's total is exact however large (PeopleQueries counts its matches as it sorts them).
        MoreThanCounted = string.IsNullOrWhiteSpace(filter.Search) && Results.Total > countUpTo;
        var ids = Results.Items.Select(p => p.Id).ToList();
        AccountsOf = (await db.Users.AsNoTracking().Where(u => u.PersonId != null && ids.Contains(u.PersonId.Value))
                .Select(u => new { PersonId = u.PersonId!.Value, HasPassword = u.PasswordHash != null || u.LastSignInAt != null, u.InvitationExpiresAt, u.DisabledAt })
                .ToListAsync(cancellationToken))
            .ToDictionary(u => u.PersonId, u => new PersonAccount(u.HasPassword, u.InvitationExpiresAt?.ToDateTimeOffset(), u.DisabledAt is not null));
        WithoutAccount = await accounts.CountWithoutAccountAsync(cancellationToken, CountUpTo);
        Departments = await PeopleQueries.DepartmentsAsync(db, cancellationToken);
        Offices = (await db.Offices.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
            .Select(o => (o.Id, o.Name)).ToList();
        return Page();
    }

    /// <summary>Invites the people ticked in the list.</summary>
    public async Task<IActionResult> OnPostInviteAsync(List<int> selected)
    {
        if (selected.Count == 0)
        {
            Message = "Tick the people to invite first.";
            return Redirect(PageUrl(PageNumber));
        }
        Message = Said(await accounts.InviteManyAsync(selected, accounts.SiteUrl(Request), HttpContext.RequestAborted));
        return Redirect(PageUrl(PageNumber));
    }

    /// <summary>Invites everyone active with an e-mail address and no account.</summary>
    public async Task<IActionResult> OnPostInviteEveryoneAsync()
    {
        Message = Said(await accounts.InviteManyAsync(null, accounts.SiteUrl(Request), HttpContext.RequestAborted));
        return Redirect(PageUrl(PageNumber));
    }

    /// <summary>Sends a pending invitation again, with a new link (the old one stops working).</summary>
    public async Task<IActionResult> OnPostResendAsync(int one)
    {
        var outcome = await accounts.InviteAsync(one, accounts.SiteUrl(Request), HttpContext.RequestAborted);
        Message = outcome.Succeeded
            ? $"A new invitation is on its way; its link works until {AccountsService.Describe(NodaTime.Instant.FromDateTimeOffset(outcome.Value!.ExpiresAt))}."
            : string.Join(" ", outcome.Errors.Select(e => Infrastructure.PageValidation.Sentence(e.Message)));
        return Redirect(PageUrl(PageNumber));
    }

    /// <summary>Takes back a pending invitation.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(int one)
    {
        var outcome = await accounts.RevokeInvitationAsync(one, HttpContext.RequestAborted);
        Message = outcome.Succeeded ? "The invitation is revoked: its link no longer works."
            : string.Join(" ", outcome.Errors.Select(e => Infrastructure.PageValidation.Sentence(e.Message)));
        return Redirect(PageUrl(PageNumber));
    }

    private static string Said(InvitationsSent sent) =>
        (sent.Invited == 1 ? "1 invitation is on its way." : $"{sent.Invited} invitations are on their way.")
        + (sent.Skipped > 0 ? $" {sent.Skipped} not sent: " + string.Join(" ", sent.Problems.Distinct().Take(3)) : "");

    /// <summary>This list with the same filters, at another page.</summary>
    public string PageUrl(int page)
    {
        var query = new QueryBuilder();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(key, value);
            }
        }
        Add("q", Search?.Trim());
        Add("department", Department);
        Add("office", Office?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("level", Level?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("status", Status);
        if (page > 1)
        {
            query.Add("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return "/People" + query.ToQueryString();
    }

    /// <summary>
    /// The page numbers to link: the first, the last, and two either side of the current one; when the total is only
    /// known to be more than was counted, there is no last page to link, and a gap after the current ones says more follow.
    /// </summary>
    public IEnumerable<int?> PageWindow()
    {
        var current = Results.PageNumber;
        var last = MoreThanCounted ? current + 2 : Results.PageCount;
        int? previous = null;
        foreach (var page in Enumerable.Range(1, last).Where(p => p == 1 || p == last || Math.Abs(p - current) <= 2))
        {
            if (previous is { } before && page - before > 1)
            {
                yield return null;
            }
            yield return page;
            previous = page;
        }
        if (MoreThanCounted)
        {
            yield return null;
        }
    }

    /// <summary>Whether a page follows this one.</summary>
    public bool HasNextPage => MoreThanCounted || Results.PageNumber < Results.PageCount;
}

/// <summary>What the roster shows of a person's account.</summary>
public sealed record PersonAccount(bool Active, DateTimeOffset? InvitationExpiresAt, bool Disabled);
