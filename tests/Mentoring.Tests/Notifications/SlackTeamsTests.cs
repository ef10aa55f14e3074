using System.Net;
using System.Security.Cryptography;
using System.Text;
using Mentoring.Domain;
using Mentoring.Features.Notifications;
using Mentoring.Features.Scheduling;
using Mentoring.Infrastructure;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Notifications;

/// <summary>Slack and Teams against a local HTTP server checking their documented shapes; Slack's signed interactions.</summary>
public sealed class SlackTeamsTests(ChatFixture app) : IClassFixture<ChatFixture>
{
    private async Task<int> ProgramIdAsync()
    {
        await using var db = app.OpenContext();
        return await db.Programs.Where(p => p.Name == "Hybrid Mentoring 2026").Select(p => p.Id).SingleAsync();
    }

    [Fact]
    public async Task A_programs_test_message_reaches_its_Slack_webhook_with_blocks_and_its_Teams_workflow_as_an_Adaptive_Card()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await ProgramIdAsync();
        var bad = await admin.PutJsonAsync($"/api/programs/{programId}/notifications", new { slackWebhookUrl = "not a url", teamsWebhookUrl = (string?)null, slackChannel = (string?)null });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badBody = await bad.Content.ReadAsStringAsync();
        Assert.True(badBody.Contains("\"slackWebhookUrl\"", StringComparison.Ordinal), badBody);

        var saved = await (await admin.PutJsonAsync($"/api/programs/{programId}/notifications",
            new { slackWebhookUrl = app.Chat.SlackWebhook, teamsWebhookUrl = app.Chat.TeamsWebhook, slackChannel = "#mentoring" })).ReadAsync<ProgramNotificationsDto>();
        Assert.Equal(app.Chat.TeamsWebhook, saved.TeamsWebhookUrl);
        Assert.Equal([24, 1], saved.ReminderHours);

        var results = await (await admin.PostAsync($"/api/programs/{programId}/notifications/test", null)).ReadAsync<List<DeliveryDto>>();
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(NotificationStatus.Sent, r.Status));

        var slack = app.Chat.To("/slack-webhook").Single().Json!;
        Assert.Contains("Hybrid Mentoring 2026", slack["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var blocks = slack["blocks"]!.AsArray();
        Assert.Equal("header", blocks[0]!["type"]!.GetValue<string>());
        Assert.Equal("plain_text", blocks[0]!["text"]!["type"]!.GetValue<string>());
        Assert.Equal("section", blocks[1]!["type"]!.GetValue<string>());

        var teams = app.Chat.To("/teams-webhook").Single().Json!;
        Assert.Equal("message", teams["type"]!.GetValue<string>());
        var attachment = teams["attachments"]!.AsArray().Single()!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.4", card["version"]!.GetValue<string>());
        Assert.Contains(card["body"]!.AsArray(), b => b!["type"]!.GetValue<string>() == "TextBlock" && b["text"]!.GetValue<string>().Contains("Hybrid Mentoring 2026", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Slack_direct_messages_find_people_by_email_and_their_buttons_come_back_signed()
    {
        using var admin = app.As(Roles.Admin);
        using var mentee = app.As(Roles.Mentee);
        string menteeEmail;
        await using (var db = app.OpenContext())
        {
            // Slack knows people by their roster e-mail.
            var account = await db.Users.SingleAsync(u => u.Email == AppFixture.EmailOfRole[Roles.Mentee]);
            menteeEmail = (await db.People.SingleAsync(p => p.Id == account.PersonId)).Email!;
        }
        app.Chat.Users[menteeEmail] = "U0MENTEE";
        var prefs = await (await mentee.PutJsonAsync("/api/me/notifications",
            new { channels = new[] { "slack" }, quietStart = "20:00", quietEnd = "08:00", quietWeekends = true, digest = "none", unsubscribed = Array.Empty<string>() }))
            .ReadAsync<NotificationPreferencesDto>();
        Assert.Equal(["slack"], prefs.Channels);
        var refused = await mentee.PutJsonAsync("/api/me/notifications", new { channels = new[] { "pigeon" }, quietStart = "25:00" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.True(problem.Contains("\"channels\"", StringComparison.Ordinal) && problem.Contains("\"quietStart\"", StringComparison.Ordinal), problem);
        Assert.Equal(HttpStatusCode.BadRequest, (await mentee.PutJsonAsync("/api/me/notifications", new { channels = new[] { "email" }, unsubscribed = new[] { "security" } })).StatusCode);

        var programId = await ProgramIdAsync();
        await (await admin.PostJsonAsync($"/api/programs/{programId}/schedule",
            new PlanInput(new DateOnly(2027, 6, 21), new DateOnly(2027, 6, 25), TimeLimitSeconds: 10))).ReadAsync<PlanResult>();
        var session = (await (await mentee.GetAsync("/api/me/sessions")).ReadAsync<List<SessionDto>>()).First(s => s.Date >= new DateOnly(2027, 6, 21));
        await app.App.Services.GetRequiredService<OutboxDispatcher>().SendPendingAsync(CancellationToken.None);

        var lookup = app.Chat.To("/api/users.lookupByEmail").First(r => r.Query.Contains(Uri.EscapeDataString(menteeEmail), StringComparison.Ordinal));
        Assert.Equal("Bearer xoxb-test-token", lookup.Authorization);
        var post = app.Chat.To("/api/chat.postMessage").Select(r => r.Json!).First(j => j["channel"]!.GetValue<string>() == "U0MENTEE"
            && j["text"]!.GetValue<string>().Contains(session.Title, StringComparison.Ordinal));
        var actions = post["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();
        Assert.Equal(["Accept", "Decline"], actions.Select(a => a!["text"]!["text"]!.GetValue<string>()).ToList());
        Assert.All(actions, a => Assert.Equal("button", a!["type"]!.GetValue<string>()));
        var accept = actions[0]!["value"]!.GetValue<string>();

        // The click comes back: refused without Slack's signature or when too old, done as the person when signed.
        var payload = $$"""{"type":"block_actions","user":{"id":"U0MENTEE"},"actions":[{"action_id":"mentoring-0","value":"{{accept}}"}]}""";
        var body = "payload=" + Uri.EscapeDataString(payload);
        using var slack = app.Anonymous();
        var now = app.Clock!.GetCurrentInstant().ToUnixTimeSeconds();
        Assert.Equal(HttpStatusCode.Unauthorized, (await slack.SendAsync(Interaction(body, now, "v0=" + new string('0', 64)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await slack.SendAsync(Interaction(body, now, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await slack.SendAsync(Interaction(body, now - 301, Sign(body, now - 301)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await slack.SendAsync(Interaction(body + "&x=1", now, Sign(body, now)))).StatusCode);
        await using (var db = app.OpenContext())
        {
            var me = await db.People.SingleAsync(p => p.Email == menteeEmail);
            Assert.Equal(AttendeeResponse.Pending, (await db.SessionAttendees.SingleAsync(a => a.SessionId == session.Id && a.PersonId == me.Id)).Response);
        }
        var ok = await slack.SendAsync(Interaction(body, now - 10, Sign(body, now - 10)));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("Accepted", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = app.OpenContext())
        {
            var me = await db.People.SingleAsync(p => p.Email == menteeEmail);
            Assert.Equal(AttendeeResponse.Accepted, (await db.SessionAttendees.SingleAsync(a => a.SessionId == session.Id && a.PersonId == me.Id)).Response);
        }
    }

    private static HttpRequestMessage Interaction(string body, long timestamp, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/interactions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (signature is not null)
        {
            request.Headers.Add("X-Slack-Signature", signature);
        }
        return request;
    }

    /// <summary>Slack's documented signature: v0= and the hex HMAC-SHA256 of v0:timestamp:body under the signing secret.</summary>
    private static string Sign(string body, long timestamp) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ChatFixture.SigningSecret),
            Encoding.UTF8.GetBytes($"v0:{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{body}")));
}
