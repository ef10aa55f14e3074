using System.Net;
using Mentoring.Domain;
using Mentoring.Features.Notifications;
using Mentoring.Infrastructure;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Notifications;

/// <summary>The template preview: its own document with a policy that runs no script, framed by this site only; every other page stays unframeable.</summary>
public sealed class TemplatePreviewTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task The_preview_renders_a_real_persons_data_under_its_own_policy_and_only_this_site_frames_it()
    {
        using var admin = app.As(Roles.Admin);
        string name;
        int personId;
        await using (var db = app.OpenContext())
        {
            var person = await db.People.Where(p => p.Active).OrderBy(p => p.Id).FirstAsync();
            (name, personId) = (person.Name, person.Id);
        }
        using var saved = await admin.GetAsync($"/Notifications/Templates/Preview?key=session-reminder&previewPersonId={personId}");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(TemplatePreviewModel.Policy, string.Join(" ", saved.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("frame-ancestors 'self'", TemplatePreviewModel.Policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", TemplatePreviewModel.Policy, StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", string.Join(" ", saved.Headers.GetValues("X-Frame-Options")));
        var document = await saved.Content.ReadAsStringAsync();
        Assert.Contains($"To {System.Net.WebUtility.HtmlEncode(name)}", document, StringComparison.Ordinal);
        Assert.Contains($"Hello {System.Net.WebUtility.HtmlEncode(name.Split(' ')[0])},", document, StringComparison.Ordinal);

        // A draft posted from the template page, with its token; its HTML is the admin's and is not escaped, a field's value is.
        var page = await admin.GetStringAsync("/Notifications/Templates?key=session-reminder");
        using var draft = await admin.PostAsync("/Notifications/Templates/Preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = "session-reminder", ["PreviewPersonId"] = personId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Subject"] = "Draft for {{ person.first_name }}", ["Text"] = "Plain {{ hours }}", ["Html"] = "<p><em>Emphasis</em> for {{ person.name }}</p>",
            ["__RequestVerificationToken"] = AppFixture.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var drafted = await draft.Content.ReadAsStringAsync();
        Assert.Contains($"Draft for {System.Net.WebUtility.HtmlEncode(name.Split(' ')[0])}", drafted, StringComparison.Ordinal);
        Assert.Contains("<em>Emphasis</em>", drafted, StringComparison.Ordinal);
        Assert.Contains("Plain 24", drafted, StringComparison.Ordinal);

        // Without the page's token the draft is refused; the template page itself still may not be framed.
        using var forged = await admin.PostAsync("/Notifications/Templates/Preview", new FormUrlEncodedContent(new Dictionary<string, string> { ["Subject"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var templates = await admin.GetAsync("/Notifications/Templates");
        Assert.Equal("DENY", string.Join(" ", templates.Headers.GetValues("X-Frame-Options")));
        Assert.Equal(SecurityHeaders.PagePolicy, string.Join(" ", templates.Headers.GetValues("Content-Security-Policy")));

        // Nobody but an admin previews.
        using var mentor = app.As(Roles.Mentor);
        var denied = await mentor.GetAsync($"/Notifications/Templates/Preview?key=session-reminder");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }
}
