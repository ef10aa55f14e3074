using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Mentoring.Tests.Surveys;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Programs;

/// <summary>
/// A program's status changes only by a step of its life, whichever door it comes through: the
/// transition endpoint, a PUT of the program, or the pilot page's forms.
/// </summary>
public sealed partial class ProgramStatusTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    private static async Task<string> StatusErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return string.Join(" ", problem.RootElement.GetProperty("errors").GetProperty("status").EnumerateArray().Select(e => e.GetString()));
    }

    private async Task<JsonElement> LifecycleAsync(int id)
    {
        using var admin = app.As(Roles.Admin);
        return await (await admin.GetAsync($"/api/programs/{id}/lifecycle")).ReadAsync<JsonElement>();
    }

    [Fact]
    public async Task A_put_of_the_program_takes_a_status_change_through_the_transition_rule_and_records_it()
    {
        using var admin = app.As(Roles.Admin);
        var id = (await (await admin.PostJsonAsync("/api/programs/", new { name = "Put pilot", kind = "mentoring" })).ReadAsync<JsonElement>()).GetProperty("id").GetInt32();

        // Left out, the status stays.
        var renamed = await (await admin.PutJsonAsync($"/api/programs/{id}", new { name = "Put pilot, renamed", kind = "mentoring" })).ReadAsync<JsonElement>();
        Assert.Equal("draft", renamed.GetProperty("status").GetString());

        // A step the rule allows is taken and recorded, with who took it.
        var started = await (await admin.PutJsonAsync($"/api/programs/{id}", new { name = "Put pilot, renamed", kind = "mentoring", status = "active" })).ReadAsync<JsonElement>();
        Assert.Equal("active", started.GetProperty("status").GetString());
        var steps = (await LifecycleAsync(id)).GetProperty("transitions").EnumerateArray().ToList();
        var step = Assert.Single(steps);
        Assert.Equal(("draft", "active", AppFixture.EmailOfRole[Roles.Admin]),
            (step.GetProperty("from").GetString(), step.GetProperty("to").GetString(), step.GetProperty("by").GetString()));

        // The same status again is no step; a step back is refused, naming status and the transition endpoint, and nothing else changes.
        (await admin.PutJsonAsync($"/api/programs/{id}", new { name = "Put pilot, renamed", kind = "mentoring", status = "active" })).EnsureSuccessStatusCode();
        var back = await StatusErrorAsync(await admin.PutJsonAsync($"/api/programs/{id}", new { name = "Put pilot, back", kind = "mentoring", status = "draft" }));
        Assert.Contains("goes on to completed, not draft", back, StringComparison.Ordinal);
        Assert.Contains($"/api/programs/{id}/transition", back, StringComparison.Ordinal);
        var after = await LifecycleAsync(id);
        Assert.Equal(("active", "Put pilot, renamed", 1), (after.GetProperty("status").GetString(), after.GetProperty("name").GetString(), after.GetProperty("transitions").GetArrayLength()));
    }

    [Fact]
    public async Task A_reverse_mentoring_program_cannot_be_put_or_created_past_its_pilot_or_its_sponsor()
    {
        using var admin = app.As(Roles.Admin);
        Assert.Contains("starts as a pilot", await StatusErrorAsync(await admin.PostJsonAsync("/api/programs/", new { name = "Reverse at once", kind = "reverse-mentoring", status = "active" })), StringComparison.Ordinal);
        await using (var db = app.OpenContext())
        {
            Assert.False(await db.Programs.AnyAsync(p => p.Name == "Reverse at once"));
        }
        var id = (await (await admin.PostJsonAsync("/api/programs/", new { name = "Reverse by put", kind = "reverse-mentoring" })).ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Contains("starts as a pilot", await StatusErrorAsync(await admin.PutJsonAsync($"/api/programs/{id}", new { name = "Reverse by put", kind = "reverse-mentoring", status = "active" })), StringComparison.Ordinal);
        Assert.Contains("sponsor", await StatusErrorAsync(await admin.PutJsonAsync($"/api/programs/{id}", new { name = "Reverse by put", kind = "reverse-mentoring", status = "pilot" })), StringComparison.Ordinal);
        // A mentoring program turned into reverse mentoring by the same PUT meets the same rule.
        var other = (await (await admin.PostJsonAsync("/api/programs/", new { name = "Turned reverse", kind = "mentoring" })).ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        await StatusErrorAsync(await admin.PutJsonAsync($"/api/programs/{other}", new { name = "Turned reverse", kind = "reverse-mentoring", status = "active" }));
        Assert.Equal("draft", (await LifecycleAsync(id)).GetProperty("status").GetString());
        Assert.Equal("draft", (await LifecycleAsync(other)).GetProperty("status").GetString());
    }

    [GeneratedRegex("data-valmsg-for=\"(?<key>[^\"]+)\"[^>]*>(?<text>[^<]+)<")]
    private static partial Regex FieldErrorPattern();

    /// <summary>The error shown next to the field, or null.</summary>
    private static string? ErrorFor(string html, string key) =>
        FieldErrorPattern().Matches(html).FirstOrDefault(m => m.Groups["key"].Value == key && m.Groups["text"].Value.Trim().Length > 0)?.Groups["text"].Value.Trim();

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string handler, params (string Key, string Value)[] fields)
    {
        var page = await client.GetStringAsync(url);
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", AppFixture.AntiforgeryToken(page)));
        return await client.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task The_pilot_page_sets_k_the_surveys_the_criteria_the_sponsor_and_the_next_step_with_errors_next_to_their_fields()
    {
        using var api = app.As(Roles.Admin);
        var id = (await (await api.PostJsonAsync("/api/programs/", new { name = "Page pilot", kind = "reverse-mentoring" })).ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        var url = $"/Programs/{id}/Pilot";
        using var admin = app.WithCookieOnly(Roles.Admin);
        var page = await admin.GetStringAsync(url);
        Assert.Contains("value=\"5\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Programs/{id}/Pilot\"", await admin.GetStringAsync($"/Programs/{id}"), StringComparison.Ordinal);

        // k: never below 3, said next to the field; 4 and no automatic surveys are saved.
        var low = await PostFormAsync(admin, url, "Settings", ("Settings.K", "2"), ("Settings.AutoSurveys", "true"));
        Assert.Equal(HttpStatusCode.OK, low.StatusCode);
        Assert.Contains("at least 3", ErrorFor(await low.Content.ReadAsStringAsync(), "Settings.K"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(admin, url, "Settings", ("Settings.K", "4"), ("Settings.AutoSurveys", "false"))).StatusCode);
        var saved = await LifecycleAsync(id);
        Assert.Equal((4, false), (saved.GetProperty("k").GetInt32(), saved.GetProperty("autoSurveys").GetBoolean()));

        // Criteria: a target out of range is named on its row; then two are saved, and one removed.
        var bad = await PostFormAsync(admin, url, "Criteria",
            ("Rows[0].Text", "80% of pairs check in weekly"), ("Rows[0].Kind", "check-in-rate"), ("Rows[0].Target", "80"),
            ("Rows[1].Text", "Mean end-survey score at least 4"), ("Rows[1].Kind", "mean-end-survey-score"), ("Rows[1].Target", "7"));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Equal("The target is a score from 1 to 5.", ErrorFor(badHtml, "Rows[1].Target"));
        Assert.Null(ErrorFor(badHtml, "Rows[0].Target"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(admin, url, "Criteria",
            ("Rows[0].Text", "80% of pairs check in weekly"), ("Rows[0].Kind", "check-in-rate"), ("Rows[0].Target", "80"),
            ("Rows[1].Text", "Mean end-survey score at least 4"), ("Rows[1].Kind", "mean-end-survey-score"), ("Rows[1].Target", "4"),
            ("Rows[2].Text", ""), ("Rows[2].Kind", "check-in-rate"), ("Rows[2].Target", ""))).StatusCode);
        Assert.Equal(2, (await LifecycleAsync(id)).GetProperty("criteria").GetArrayLength());
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(admin, url, "Criteria",
            ("Rows[0].Text", "80% of pairs check in weekly"), ("Rows[0].Kind", "check-in-rate"), ("Rows[0].Target", "80"),
            ("Rows[1].Text", "Mean end-survey score at least 4"), ("Rows[1].Kind", "mean-end-survey-score"), ("Rows[1].Target", "4"), ("remove", "0"))).StatusCode);
        var criteria = (await LifecycleAsync(id)).GetProperty("criteria");
        Assert.Equal(["mean-end-survey-score"], criteria.EnumerateArray().Select(c => c.GetProperty("kind").GetString()));

        // The pilot cannot start without a sponsor; someone without the sponsor role cannot be one.
        var noSponsor = await PostFormAsync(admin, url, "Step", ("to", "pilot"), ("scope", "department|Engineering"), ("back", "details"));
        Assert.Equal(HttpStatusCode.OK, noSponsor.StatusCode);
        Assert.Contains("sponsor", ErrorFor(await noSponsor.Content.ReadAsStringAsync(), "Step.To"), StringComparison.Ordinal);
        var notASponsor = await PostFormAsync(admin, url, "Sponsor", ("SponsorId", (await Respondents.PeopleAsync(app, 1)).Single().Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("sponsor role", ErrorFor(await notASponsor.Content.ReadAsStringAsync(), "SponsorId"), StringComparison.Ordinal);
        int sponsorId;
        await using (var db = app.OpenContext())
        {
            sponsorId = (await db.Users.SingleAsync(u => u.Email == AppFixture.EmailOfRole[Roles.Sponsor])).PersonId!.Value;
        }
        Assert.Contains($"<option value=\"{sponsorId}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(admin, url, "Sponsor", ("SponsorId", sponsorId.ToString(System.Globalization.CultureInfo.InvariantCulture)))).StatusCode);

        // A pilot needs a scope, named next to the chooser; with one it starts, and the program page shows it.
        var noScope = await PostFormAsync(admin, url, "Step", ("to", "pilot"), ("scope", ""), ("back", "details"));
        Assert.Contains("scope", ErrorFor(await noScope.Content.ReadAsStringAsync(), "Step.Scope"), StringComparison.Ordinal);
        var badPair = await PostFormAsync(admin, url, "Step", ("to", "pilot"), ("scope", "pair"), ("pairIds", "nobody"), ("back", "details"));
        Assert.Contains("two HR ids", ErrorFor(await badPair.Content.ReadAsStringAsync(), "Step.Scope"), StringComparison.Ordinal);
        var pilot = await PostFormAsync(admin, url, "Step", ("to", "pilot"), ("scope", "department|Engineering"), ("back", "details"));
        Assert.Equal(HttpStatusCode.Redirect, pilot.StatusCode);
        Assert.Equal($"/Programs/{id}#next-step", pilot.Headers.Location!.OriginalString);
        var life = await LifecycleAsync(id);
        Assert.Equal(("pilot", "department", "Engineering"), (life.GetProperty("status").GetString(),
            life.GetProperty("scope").GetProperty("kind").GetString(), life.GetProperty("scope").GetProperty("value").GetString()));
        var details = await admin.GetStringAsync($"/Programs/{id}");
        Assert.Contains("the Engineering department", details, StringComparison.Ordinal);
        Assert.Contains("data-step=\"evaluating\"", details, StringComparison.Ordinal);
        Assert.DoesNotContain("data-step=\"draft\"", details, StringComparison.Ordinal);

        // Nobody but an admin opens the page or posts its forms.
        using var sponsor = app.WithCookieOnly(Roles.Sponsor);
        var denied = await sponsor.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/Account/Denied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
