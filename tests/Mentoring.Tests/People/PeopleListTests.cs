using System.Net;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Accounts;
using Mentoring.Features.People;
using Mentoring.Features.Shared;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeopleIndex = Mentoring.Features.People.IndexModel;

namespace Mentoring.Tests.People;

/// <summary>
/// The people list on each store: a search's page and total (one query; on SQLite from the trigram index) are the people the
/// filter matches, in the list's order (name, then id), as the LINQ filter reads them; the list's total and the people
/// to invite are counted up to a limit, exactly below it, and the page says "more than 10,000" past it.
/// </summary>
public abstract class PeopleListTests(AppFixture app)
{
    private static Person Make(string tag, string name, string department, int level, bool active, int? officeId = null, string? email = null)
    {
        var person = new Person
        {
            ExternalId = $"PL-{tag}-{Guid.NewGuid():N}"[..30], Name = name, Department = department, Level = level, Active = active,
            OfficeId = officeId, Email = email, JobTitle = "Analyst",
        };
        person.RefreshSearchText();
        return person;
    }

    /// <summary>What the list showed before: the filter in LINQ, its exact count, and the page in name, id order.</summary>
    private static async Task<Page<PersonSummary>> ExpectedAsync(MentoringDbContext db, PeopleFilter filter)
    {
        var query = db.People.AsNoTracking().Apply(filter);
        var items = await query.OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Skip((filter.SafePage - 1) * filter.SafePageSize).Take(filter.SafePageSize)
            .Select(p => new PersonSummary(p.Id, p.ExternalId, p.Name, p.Email, p.Department, p.JobTitle, p.Level,
                p.OfficeId, p.Office == null ? null : p.Office.Name, p.Active))
            .ToListAsync();
        return new Page<PersonSummary>(items, await query.CountAsync(), filter.SafePage, filter.SafePageSize);
    }

    [Fact]
    public async Task A_search_finds_the_people_the_filter_matches_in_name_then_id_order_with_their_exact_total()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        int officeId;
        await using (var db = app.OpenContext())
        {
            officeId = await db.Offices.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
            var departments = new[] { $"Sales {tag}", $"Data {tag}" };
            // Case and accents: SQLite's trigram index folds no case, and must match what the LIKE matched (ſ is not s,
            // ς is not σ, straße is not strasse).
            var names = new[] { "Zoë", "Adaeze", "Bo", "Adaeze", "Ç", "50% Lee", "A_B", "a\\b", "O'Brien \"Ob\"", "adaeze",
                "ſmith", "Straße", "Σίσυφος", "İpek", "ǅemal", "ÉLODIE" };
            var people = new List<Person>();
            for (var i = 0; i < 40; i++)
            {
                people.Add(Make(tag, $"{names[i % names.Length]} Okon{tag}", departments[i % 2], 1 + i % 3, active: i % 7 != 0,
                    officeId: i % 4 == 0 ? officeId : null, email: i % 5 == 0 ? null : $"pl{i}.{tag}@example.test"));
            }
            db.People.AddRange(people);
            await db.SaveChangesAsync();
        }

        var searches = new[] { $"okon{tag}", $"OKON{tag.ToUpperInvariant()}", $"adaeze okon{tag}", "50% lee", "a_b okon", "a\\b", "o'brien \"ob\"", "ok", tag[..2], $"  zoë okon{tag} ", "nobody-at-all-here",
            $"smith okon{tag}", $"ſmith okon{tag}", $"STRASSE OKON{tag}", $"straße okon{tag}", $"σίσυφος okon{tag}", $"ΣΊΣΥΦΟΣ OKON{tag}", $"ς okon{tag}",
            $"ipek okon{tag}", $"İPEK OKON{tag}", $"džemal okon{tag}", $"ǅemal okon{tag}", $"élodie okon{tag}", $"elodie okon{tag}", "%%%", "___", "\"\"\"", "' OR 1=1 --", "   " };
        var cases = new List<PeopleFilter>();
        foreach (var search in searches)
        {
            cases.Add(new PeopleFilter(search, PageSize: 500));
        }
        cases.AddRange(
        [
            new PeopleFilter(tag, Active: true, PageSize: 7),
            new PeopleFilter(tag, Active: true, Page: 3, PageSize: 7),
            new PeopleFilter(tag, Active: false, PageSize: 7),
            new PeopleFilter(tag, Department: $"Data {tag}", Level: 2, PageSize: 5),
            new PeopleFilter(tag, OfficeId: officeId, Active: true, PageSize: 500),
            new PeopleFilter($"okon{tag}", Department: $"Sales {tag}", Page: 2, PageSize: 4),
            // Past the last page: no row carries the total, which is counted alone.
            new PeopleFilter(tag, Page: 40, PageSize: 7),
            new PeopleFilter(tag, Page: 0, PageSize: 0),
            new PeopleFilter($"okon{tag}", Level: 3, Active: true, Page: 2, PageSize: 3),
            new PeopleFilter($"okon{tag}", OfficeId: officeId, Department: $"Data {tag}", PageSize: 2, Page: 2),
            new PeopleFilter($"okon{tag}", Active: false, Page: 9, PageSize: 3),
        ]);
        await using (var db = app.OpenContext())
        {
            foreach (var filter in cases)
            {
                var expected = await ExpectedAsync(db, filter);
                var actual = await PeopleQueries.ListAsync(db, filter, CancellationToken.None);
                Assert.Equal(expected.Total, actual.Total);
                Assert.Equal(expected.Items, actual.Items);
                Assert.Equal((expected.PageNumber, expected.PageSize), (actual.PageNumber, actual.PageSize));
            }
            var all = await PeopleQueries.ListAsync(db, new PeopleFilter($"okon{tag}", PageSize: 500), CancellationToken.None);
            Assert.Equal(40, all.Total);
            Assert.Equal(all.Items.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id).Select(p => p.Id), all.Items.Select(p => p.Id));
        }
    }

    /// <summary>
    /// A search finds the people as they are after each kind of write: SQLite's trigram index is kept by triggers on
    /// People, so each write path is searched after it (added, renamed, imported and imported again, erased, deleted).
    /// </summary>
    [Fact]
    public async Task A_search_keeps_step_with_people_added_renamed_imported_erased_and_deleted()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        async Task<int> Found(string search)
        {
            await using var db = app.OpenContext();
            foreach (var filter in new[] { new PeopleFilter(search, PageSize: 500), new PeopleFilter(search, Active: true, PageSize: 2, Page: 2) })
            {
                var expected = await ExpectedAsync(db, filter);
                var actual = await PeopleQueries.ListAsync(db, filter, CancellationToken.None);
                Assert.Equal(expected.Total, actual.Total);
                Assert.Equal(expected.Items, actual.Items);
            }
            return (await PeopleQueries.ListAsync(db, new PeopleFilter(search, PageSize: 500), CancellationToken.None)).Total;
        }

        int id;
        await using (var db = app.OpenContext())
        {
            var person = Make(tag, $"Ngozi Keep{tag}", $"Keep {tag}", 2, active: true);
            db.People.AddRange(person, Make(tag, $"Ngozi Keep{tag} Two", $"Keep {tag}", 2, active: true));
            await db.SaveChangesAsync();
            id = person.Id;
        }
        Assert.Equal(2, await Found($"ngozi keep{tag}"));

        await using (var db = app.OpenContext())
        {
            var person = await db.People.SingleAsync(p => p.Id == id);
            person.Name = $"Chidi Keep{tag}";
            person.RefreshSearchText();
            await db.SaveChangesAsync();
        }
        Assert.Equal(1, await Found($"ngozi keep{tag}"));
        Assert.Equal(1, await Found($"chidi keep{tag}"));

        using var admin = app.As(Roles.Admin);
        var csv = $"EmployeeNumber,Full Name,Department,JobLevel,Office,Time Zone\r\nKEEP-{tag}-1,Amaka Keep{tag},Keep {tag},3,,\r\nKEEP-{tag}-2,Obi Keep{tag},Keep {tag},2,,\r\n";
        using (var imported = await admin.PostAsync("/api/people/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }
        Assert.Equal(1, await Found($"amaka keep{tag}"));
        Assert.Equal(4, await Found($"keep{tag}"));
        using (var again = await admin.PostAsync("/api/people/import", new StringContent(csv.Replace("Amaka", "Adanna", StringComparison.Ordinal), System.Text.Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        Assert.Equal(0, await Found($"amaka keep{tag}"));
        Assert.Equal(1, await Found($"adanna keep{tag}"));

        using (var erased = await admin.PostAsync($"/api/people/{id}/erase", null))
        {
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        }
        Assert.Equal(0, await Found($"chidi keep{tag}"));
        Assert.InRange(await Found($"erased person {id}"), 1, int.MaxValue);

        await using (var db = app.OpenContext())
        {
            await db.People.Where(p => p.ExternalId == $"KEEP-{tag}-2").ExecuteDeleteAsync();
        }
        Assert.Equal(0, await Found($"obi keep{tag}"));
        Assert.Equal(2, await Found($"keep{tag}"));
    }

    [Fact]
    public async Task The_total_counted_up_to_a_limit_is_exact_below_it_and_one_more_past_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using var db = app.OpenContext();
        db.People.AddRange(Enumerable.Range(0, 5).Select(i => Make(tag, $"Count {i}", $"Count {tag}", 1, active: true)));
        await db.SaveChangesAsync();
        var filter = new PeopleFilter(Department: $"Count {tag}", PageSize: 2);

        Assert.Equal(5, (await PeopleQueries.ListAsync(db, filter, CancellationToken.None)).Total);
        Assert.Equal(5, (await PeopleQueries.ListAsync(db, filter, CancellationToken.None, countUpTo: 5)).Total);
        var capped = await PeopleQueries.ListAsync(db, filter, CancellationToken.None, countUpTo: 3);
        Assert.Equal(4, capped.Total);
        Assert.Equal(2, capped.Items.Count);

        using var scope = app.App.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountsService>();
        var exact = await accounts.CountWithoutAccountAsync(CancellationToken.None);
        Assert.True(exact >= 5);
        Assert.Equal(exact, await accounts.CountWithoutAccountAsync(CancellationToken.None, upTo: exact));
        Assert.Equal(exact, await accounts.CountWithoutAccountAsync(CancellationToken.None, upTo: exact + 10));
        Assert.Equal(4, await accounts.CountWithoutAccountAsync(CancellationToken.None, upTo: 3));
    }

    [Fact]
    public async Task The_page_shows_the_exact_total_below_ten_thousand_and_more_than_ten_thousand_past_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var admin = app.As(Roles.Admin);
        int active, invitable;
        await using (var db = app.OpenContext())
        {
            active = await db.People.CountAsync(p => p.Active);
            using var scope = app.App.Services.CreateScope();
            invitable = await scope.ServiceProvider.GetRequiredService<AccountsService>().CountWithoutAccountAsync(CancellationToken.None);
        }
        Assert.InRange(active, 1, PeopleIndex.CountUpTo);
        var page = await admin.GetStringAsync("/People");
        Assert.Contains($"<strong>{Display.Count(active, "person", "people")}</strong>", page);
        Assert.Contains($"of {Display.Number((active + PeopleIndex.PageSize - 1) / PeopleIndex.PageSize)}</span>", page);
        Assert.Contains($"Invite everyone without an account ({Display.Number(invitable)})", page);

        // More than 10,000 inactive people in one department: the page says so, links the next pages and no last one.
        await using (var db = app.OpenContext())
        {
            db.People.AddRange(Enumerable.Range(0, PeopleIndex.CountUpTo + 1).Select(i => Make(tag, $"Many {i:D5}", $"Many {tag}", 1, active: false)));
            await db.SaveChangesAsync();
        }
        var department = Uri.EscapeDataString($"Many {tag}");
        page = await admin.GetStringAsync($"/People?department={department}&status=inactive");
        Assert.Contains("<strong>More than 10,000 people</strong> match", page);
        Assert.Contains("Showing 1–50, page 1</span>", page);
        Assert.Contains($"href=\"/People?department={department}&amp;status=inactive&amp;p=2\" rel=\"next\">Next</a>", page);
        Assert.DoesNotContain("aria-label=\"Page 201\"", page);
        Assert.Contains("Many 00000", page);
        // Inactive people cannot be invited: that count is unchanged, and exact.
        Assert.Contains($"Invite everyone without an account ({Display.Number(invitable)})", page);

        // Far down the list the count goes on past the page shown, so the pages after it are still linked.
        page = await admin.GetStringAsync($"/People?department={department}&status=inactive&p=150");
        Assert.Contains("Showing 7,451–7,500, page 150 of 201</span>", page);
        Assert.Contains("rel=\"next\">Next</a>", page);
        Assert.Contains("Many 07450", page);

        // Exactly 10,000 is still counted: one fewer matches once one person is active again.
        await using (var db = app.OpenContext())
        {
            await db.People.Where(p => p.Name == "Many 00000" && p.Department == $"Many {tag}")
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Active, true));
        }
        page = await admin.GetStringAsync($"/People?department={department}&status=inactive");
        Assert.Contains("<strong>10,000 people</strong> match", page);
        Assert.Contains("page 1 of 200</span>", page);

        // A search counts its matches exactly, however many.
        page = await admin.GetStringAsync($"/People?q={Uri.EscapeDataString($"many {tag}")}&status=all");
        Assert.Contains("<strong>10,001 people</strong> match", page);
        Assert.Contains("page 1 of 201</span>", page);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/People?department={department}&status=inactive&p=201")).StatusCode);
    }
}

public sealed class SqlitePeopleListTests(SqliteAppFixture app) : PeopleListTests(app), IClassFixture<SqliteAppFixture>;

public sealed class PostgresPeopleListTests(PostgresAppFixture app) : PeopleListTests(app), IClassFixture<PostgresAppFixture>;
