using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Notifications;
using Mentoring.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;

namespace Mentoring.Infrastructure;

/// <summary>SMTP settings (<c>Smtp:*</c>); without a host, e-mails wait in the outbox.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Mentoring <mentoring@localhost>";

    /// <summary><c>Auto</c>, <c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
}

/// <summary>The outbox settings (<c>Outbox:*</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Attempts before a message goes to the dead letters.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first wait after a failure, doubled after each further one.</summary>
    public int BackoffSeconds { get; set; } = 60;

    /// <summary>How long a dispatcher's claim on a message holds.</summary>
    public int LeaseSeconds { get; set; } = 120;
}

/// <summary>
/// Sends what the outbox holds: e-mails over SMTP (MailKit), Slack (the Web API with a bot token, or
/// a program's incoming webhook) and Teams (Workflows webhooks with Adaptive Cards). Each message is
/// claimed with a lease in one UPDATE before it is sent, so two instances never both send it; it
/// is marked as being handed over just before, so one whose sender stopped mid-send is never sent
/// again by itself (it is kept as unconfirmed, with the Message-Id it went out with, for the admin).
/// A failure waits and tries again (exponential backoff, <see cref="OutboxOptions"/>), then goes to the dead letters.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes, IClock clock, JobLeases leases, JobMetrics metrics, IOptions<JobsOptions> jobs, IOptions<SmtpOptions> smtpOptions,
    IOptions<OutboxOptions> outboxOptions, IOptions<SlackOptions> slackOptions, IHttpClientFactory http, ILogger<OutboxDispatcher> logger)
    : PeriodicJob(leases, metrics, jobs, logger)
{
    /// <summary>This instance's name on its claims.</summary>
    private readonly string owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override string Activity => "Sending the outbox";

    protected override string Name => "outbox";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SendPendingAsync(cancellationToken);

    /// <summary>Sends every message that is due; returns how many went out.</summary>
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken) => await SendAsync(null, cancellationToken);

    /// <summary>Sends these messages now if they are due (the "send a test message" button); returns how many went out.</summary>
    public async Task<int> SendAsync(IReadOnlyCollection<int>? only, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        var now = clock.GetCurrentInstant();
        await RecoverAsync(db, now, cancellationToken);

        var smtpReady = !string.IsNullOrWhiteSpace(smtpOptions.Value.Host);
        var due = db.Notifications.AsNoTracking().Where(n => n.Status == NotificationStatus.Pending
            && (n.DueAt == null || n.DueAt <= now) && (n.NextAttemptAt == null || n.NextAttemptAt <= now)
            && (smtpReady || n.Channel != "email"));
        if (only is not null)
        {
            due = due.Where(n => only.Contains(n.Id));
        }
        var candidates = await due.OrderBy(n => n.Id).Select(n => n.Id).Take(200).ToListAsync(cancellationToken);
        var claimed = new List<int>();
        foreach (var id in candidates)
        {
            if (await ClaimAsync(db, id, now, cancellationToken))
            {
                claimed.Add(id);
            }
        }
        if (claimed.Count == 0)
        {
            return 0;
        }
        var rows = await db.Notifications.AsNoTracking().Where(n => claimed.Contains(n.Id)).OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var sent = 0;
        var emails = rows.Where(n => n.Channel == "email").ToList();
        if (emails.Count > 0)
        {
            sent += await SendEmailsAsync(db, emails, cancellationToken);
        }
        foreach (var row in rows.Where(n => n.Channel != "email"))
        {
            sent += await SendChatAsync(db, row, cancellationToken) ? 1 : 0;
        }
        return sent;
    }

    /// <summary>
    /// A claim whose lease ran out: claimed but never handed over goes back to pending; being handed
    /// over may have arrived, so it is not sent again by itself.
    /// </summary>
    private static async Task RecoverAsync(MentoringDbContext db, Instant now, CancellationToken cancellationToken)
    {
        await db.Notifications.Where(n => n.Status == NotificationStatus.Claimed && n.LeaseUntil < now)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationStatus.Pending).SetProperty(n => n.LeaseOwner, (string?)null), cancellationToken);
        await db.Notifications.Where(n => n.Status == NotificationStatus.Sending && n.LeaseUntil < now)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationStatus.Unconfirmed)
                .SetProperty(n => n.LastError, "its sender stopped while handing it over, so it may have arrived: not sent again unless resent"), cancellationToken);
    }

    /// <summary>One UPDATE: only one dispatcher, on any instance, gets the row.</summary>
    private async Task<bool> ClaimAsync(MentoringDbContext db, int id, Instant now, CancellationToken cancellationToken)
    {
        var until = now + Duration.FromSeconds(Math.Max(5, outboxOptions.Value.LeaseSeconds));
        var changed = await db.Notifications
            .Where(n => n.Id == id && n.Status == NotificationStatus.Pending && (n.NextAttemptAt == null || n.NextAttemptAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationStatus.Claimed).SetProperty(n => n.LeaseOwner, owner)
                .SetProperty(n => n.LeaseUntil, until).SetProperty(n => n.Attempts, n => n.Attempts + 1), cancellationToken);
        return changed == 1;
    }

    /// <summary>From claimed to being handed over, only while the claim is still ours.</summary>
    private async Task<bool> HandOverAsync(MentoringDbContext db, int id, CancellationToken cancellationToken) =>
        await db.Notifications.Where(n => n.Id == id && n.Status == NotificationStatus.Claimed && n.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationStatus.Sending), cancellationToken) == 1;

    private async Task MarkSentAsync(MentoringDbContext db, int id, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        // Not cancelled: once a message has gone, saying so must not be cut short.
        await db.Notifications.Where(n => n.Id == id && n.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationStatus.Sent).SetProperty(n => n.SentAt, now)
                .SetProperty(n => n.LastError, (string?)null).SetProperty(n => n.LeaseUntil, (Instant?)null), CancellationToken.None);
        _ = cancellationToken;
    }

    /// <summary>A failed attempt: try again after 1, 2, 4 … times the backoff, or give up into the dead letters.</summary>
    private async Task MarkFailedAsync(MentoringDbContext db, Notification row, string error, CancellationToken cancellationToken, bool giveUp = false)
    {
        var settings = outboxOptions.Value;
        // The claim counted this attempt already.
        var attempts = Math.Max(1, row.Attempts);
        var dead = giveUp || attempts >= settings.MaxAttempts;
        var wait = Duration.FromSeconds(Math.Max(1, settings.BackoffSeconds) * Math.Pow(2, Math.Min(attempts - 1, 20)));
        var next = clock.GetCurrentInstant() + wait;
        var message = error.Length > 1900 ? error[..1900] : error;
        await db.Notifications.Where(n => n.Id == row.Id && n.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, dead ? NotificationStatus.Dead : NotificationStatus.Pending)
                .SetProperty(n => n.NextAttemptAt, dead ? null : next).SetProperty(n => n.LastError, message)
                .SetProperty(n => n.LeaseOwner, (string?)null).SetProperty(n => n.LeaseUntil, (Instant?)null), CancellationToken.None);
        _ = cancellationToken;
    }

    /// <summary>Gives rows back unsent and unharmed (the server could not be reached: no attempt was really made).</summary>
    private async Task ReleaseAsync(MentoringDbContext db, IEnumerable<Notification> rows, string error)
    {
        foreach (var row in rows)
        {
            await MarkFailedAsync(db, row, error, CancellationToken.None);
        }
    }

    private async Task<int> SendEmailsAsync(MentoringDbContext db, List<Notification> rows, CancellationToken cancellationToken)
    {
        var smtp = smtpOptions.Value;
        var from = MailboxAddress.Parse(smtp.From);
        var domain = from.Domain is { Length: > 0 } d ? d : "mentoring.local";
        var unsubscribe = scopes.CreateScope().ServiceProvider.GetRequiredService<UnsubscribeLinks>();
        var site = scopes.CreateScope().ServiceProvider.GetRequiredService<SiteAddress>().Url();
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            }
        }
        catch (Exception e) when (e is SmtpProtocolException or SmtpCommandException or System.Net.Sockets.SocketException or IOException or AuthenticationException)
        {
            logger.LogWarning("The SMTP server {Host}:{Port} could not be used: {Error}", smtp.Host, smtp.Port, e.Message);
            await ReleaseAsync(db, rows, e.Message);
            return 0;
        }
        var sent = 0;
        foreach (var row in rows)
        {
            MimeMessage message;
            try
            {
                message = Mime(row, from, domain, row.PersonId is { } personId && row.Category != Categories.Security
                    ? unsubscribe.Url(site, personId, row.Category) : null);
            }
            catch (Exception e) when (e is ParseException or FormatException or ArgumentException)
            {
                await MarkFailedAsync(db, row, e.Message, cancellationToken, giveUp: true);
                continue;
            }
            if (!await HandOverAsync(db, row.Id, cancellationToken))
            {
                continue;
            }
            try
            {
                await client.SendAsync(message, cancellationToken);
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException)
            {
                // The server refused it (or the line broke before it said yes): it was not accepted, so it may be tried again.
                await MarkFailedAsync(db, row, e.Message, cancellationToken);
                if (!client.IsConnected)
                {
                    await ReleaseAsync(db, rows.SkipWhile(r => r.Id != row.Id).Skip(1), "the SMTP connection was lost");
                    return sent;
                }
                continue;
            }
            await MarkSentAsync(db, row.Id, cancellationToken);
            sent++;
        }
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException)
        {
            logger.LogDebug("Closing the SMTP connection: {Error}", e.Message);
        }
        return sent;
    }

    /// <summary>
    /// The e-mail: plain text and HTML, the calendar part as text/calendar with the same method= as
    /// its METHOD (RFC 6047), and a Message-Id made from the row so that every attempt carries the same one.
    /// </summary>
    public static MimeMessage Mime(Notification row, MailboxAddress from, string domain, string? unsubscribeUrl)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(row.Recipient));
        message.Subject = row.Subject;
        message.MessageId = row.MessageIdFor(domain).Trim('<', '>');
        message.Headers.Add("X-Mentoring-Outbox-Id", row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (unsubscribeUrl is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
        }
        var text = new TextPart("plain") { Text = row.Body };
        MimeEntity body = text;
        if (row.HtmlBody is { } html)
        {
            body = new MultipartAlternative { text, new TextPart("html") { Text = html } };
        }
        if (row.Attachment is { } ics)
        {
            var method = CalendarMethod(ics);
            var calendar = new TextPart("calendar") { Text = ics };
            calendar.ContentType.Parameters.Add("method", method);
            calendar.ContentType.Charset = "utf-8";
            // Inside the alternatives, so mail clients show it as an invitation; and as a file for the others.
            var alternative = body as MultipartAlternative ?? new MultipartAlternative { text };
            alternative.Add(calendar);
            var file = new MimePart("application", "ics")
            {
                Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ics))),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = method == "CANCEL" ? "cancel.ics" : "invite.ics",
            };
            body = new Multipart("mixed") { alternative, file };
        }
        message.Body = body;
        return message;
    }

    /// <summary>The METHOD of an iCalendar object (REQUEST when it says none).</summary>
    public static string CalendarMethod(string ics)
    {
        foreach (var line in ics.Split('\n'))
        {
            if (line.StartsWith("METHOD:", StringComparison.OrdinalIgnoreCase))
            {
                return line[7..].Trim().ToUpperInvariant();
            }
            if (line.StartsWith("BEGIN:VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }
        }
        return "REQUEST";
    }

    private async Task<bool> SendChatAsync(MentoringDbContext db, Notification row, CancellationToken cancellationToken)
    {
        try
        {
            var request = await ChatRequestAsync(db, row, cancellationToken);
            if (!await HandOverAsync(db, row.Id, cancellationToken))
            {
                return false;
            }
            using var client = http.CreateClient("notifications");
            using var response = await client.SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ChatException($"{(int)response.StatusCode} {response.ReasonPhrase}: {Clip(answer)}");
            }
            if (row.Channel == "slack" || (row.Channel == "slack-channel" && request.RequestUri!.AbsolutePath.EndsWith("chat.postMessage", StringComparison.Ordinal)))
            {
                SlackOk(answer);
            }
            await MarkSentAsync(db, row.Id, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is ChatException or HttpRequestException or TaskCanceledException or JsonException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            await MarkFailedAsync(db, row, e.Message, cancellationToken);
            return false;
        }
    }

    private async Task<HttpRequestMessage> ChatRequestAsync(MentoringDbContext db, Notification row, CancellationToken cancellationToken)
    {
        var slack = slackOptions.Value;
        var blocks = row.Blocks is null ? null : JsonNode.Parse(row.Blocks);
        switch (row.Channel)
        {
            case "slack":
            {
                var user = await SlackUserIdAsync(row.Recipient, cancellationToken);
                return SlackApi("chat.postMessage", new JsonObject { ["channel"] = user, ["text"] = Fallback(row), ["blocks"] = blocks });
            }
            case "slack-channel":
            {
                var settings = await ProgramSettingsAsync(db, row, cancellationToken);
                if (!string.IsNullOrEmpty(settings.SlackWebhookUrl))
                {
                    return new HttpRequestMessage(HttpMethod.Post, settings.SlackWebhookUrl)
                    {
                        Content = JsonContent.Create(new JsonObject { ["text"] = Fallback(row), ["blocks"] = blocks }),
                    };
                }
                if (string.IsNullOrEmpty(settings.SlackChannel) || string.IsNullOrEmpty(slack.BotToken))
                {
                    throw new ChatException("the program has no Slack webhook, and no channel with a bot token");
                }
                return SlackApi("chat.postMessage", new JsonObject { ["channel"] = settings.SlackChannel, ["text"] = Fallback(row), ["blocks"] = blocks });
            }
            case "teams" or "teams-channel":
            {
                var settings = await ProgramSettingsAsync(db, row, cancellationToken);
                if (string.IsNullOrEmpty(settings.TeamsWebhookUrl))
                {
                    throw new ChatException("the program has no Teams webhook");
                }
                var site = scopes.CreateScope().ServiceProvider.GetRequiredService<SiteAddress>().Url();
                return new HttpRequestMessage(HttpMethod.Post, settings.TeamsWebhookUrl)
                {
                    Content = JsonContent.Create(TeamsCard(row.Subject, row.Body, row.Channel == "teams" ? row.Recipient : null, site)),
                };
            }
            default:
                throw new ChatException($"no channel \"{row.Channel}\"");
        }
    }

    /// <summary>A Workflows webhook's message: one Adaptive Card attachment (no connector card).</summary>
    public static JsonObject TeamsCard(string subject, string body, string? forPerson, string site)
    {
        var content = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["text"] = subject, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = body.Split("\n--\n")[0].Trim(), ["wrap"] = true }),
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open Mentoring", ["url"] = site }),
        };
        _ = forPerson;
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = content,
            }),
        };
    }

    private HttpRequestMessage SlackApi(string method, JsonObject body)
    {
        var slack = slackOptions.Value;
        var request = new HttpRequestMessage(HttpMethod.Post, $"{slack.ApiBaseUrl.TrimEnd('/')}/{method}") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", slack.BotToken);
        return request;
    }

    /// <summary>Slack's user id for an e-mail address (users.lookupByEmail).</summary>
    private async Task<string> SlackUserIdAsync(string email, CancellationToken cancellationToken)
    {
        var slack = slackOptions.Value;
        if (string.IsNullOrEmpty(slack.BotToken))
        {
            throw new ChatException("no Slack bot token (Slack:BotToken)");
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{slack.ApiBaseUrl.TrimEnd('/')}/users.lookupByEmail?email={Uri.EscapeDataString(email)}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", slack.BotToken);
        using var client = http.CreateClient("notifications");
        using var response = await client.SendAsync(request, cancellationToken);
        var answer = SlackOk(await response.Content.ReadAsStringAsync(cancellationToken));
        return answer["user"]?["id"]?.GetValue<string>() ?? throw new ChatException("Slack found no user with that e-mail");
    }

    private static JsonNode SlackOk(string answer)
    {
        var node = JsonNode.Parse(answer) ?? throw new ChatException("Slack answered nothing");
        if (node["ok"]?.GetValue<bool>() != true)
        {
            throw new ChatException($"Slack answered {node["error"]?.ToString() ?? Clip(answer)}");
        }
        return node;
    }

    private static async Task<ProgramNotificationSettings> ProgramSettingsAsync(MentoringDbContext db, Notification row, CancellationToken cancellationToken) =>
        row.ProgramId is { } id && await db.ProgramNotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ProgramId == id, cancellationToken) is { } settings
            ? settings
            : throw new ChatException("the program has no chat channels set up");

    /// <summary>Slack's plain-text fallback: the body without the e-mail's footer.</summary>
    private static string Fallback(Notification row) => $"{row.Subject}\n{row.Body.Split("\n--\n")[0].Trim()}";

    private static string Clip(string value) => value.Length > 300 ? value[..300] : value;

    private sealed class ChatException(string message) : Exception(message);
}
