using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Roulette;
using Mentoring.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Notifications;

/// <summary>
/// Slack's buttons coming back: the request is Slack's only when its signature is (v0= the
/// HMAC-SHA256 of <c>v0:{timestamp}:{body}</c> under the signing secret) and its timestamp is within
/// five minutes of the app's clock. The click then acts as the person whose Slack e-mail matches.
/// </summary>
public sealed class SlackInteractions(
    MentoringDbContext db, IClock clock, IOptions<SlackOptions> options, IHttpClientFactory http, RouletteService roulette, SchedulingService scheduling,
    ILogger<SlackInteractions> logger)
{
    public static readonly Duration MaxSkew = Duration.FromMinutes(5);

    public static bool Verify(string? secret, string? timestamp, string? signature, string body, Instant now)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(signature) || !long.TryParse(timestamp, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }
        var sent = Instant.FromUnixTimeSeconds(Math.Clamp(seconds, -10_000_000_000L, 10_000_000_000L));
        if (Duration.Max(now - sent, sent - now) > MaxSkew)
        {
            return false;
        }
        var expected = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.Trim()));
    }

    public bool Verify(string? timestamp, string? signature, string body) =>
        Verify(options.Value.SigningSecret, timestamp, signature, body, clock.GetCurrentInstant());

    /// <summary>Acts on a block_actions payload; the words to answer with.</summary>
    public async Task<string> HandleAsync(string body, CancellationToken cancellationToken)
    {
        var form = System.Web.HttpUtility.ParseQueryString(body);
        var payload = JsonNode.Parse(form["payload"] ?? "{}");
        var userId = payload?["user"]?["id"]?.GetValue<string>();
        var value = payload?["actions"]?.AsArray().FirstOrDefault()?["value"]?.GetValue<string>();
        if (userId is null || value is null)
        {
            return "Nothing to do.";
        }
        var email = await EmailOfAsync(userId, cancellationToken);
        var person = email is null ? null : await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Email != null && p.Email.ToLower() == email.ToLower(), cancellationToken);
        if (person is null)
        {
            logger.LogInformation("A Slack interaction from a user whose e-mail is not on the roster");
            return "Mentoring does not know your Slack e-mail address.";
        }
        var (verb, argument) = (value.Split(':', 2)[0], value.Split(':', 2).ElementAtOrDefault(1) ?? "");
        switch (verb)
        {
            case "met" or "not-met" when int.TryParse(argument, System.Globalization.CultureInfo.InvariantCulture, out var pairingId):
                var answer = await roulette.AnswerAsync(pairingId, person.Id, verb == "met", cancellationToken);
                return answer.Succeeded ? (verb == "met" ? "Thanks: noted that you met." : "Noted: not yet.") : "That coffee is not yours.";
            case "accept" or "decline":
                var sessionId = await db.Sessions.AsNoTracking().Where(s => s.Uid == argument).Select(s => (int?)s.Id).SingleOrDefaultAsync(cancellationToken);
                if (sessionId is null)
                {
                    return "That session is no longer on the schedule.";
                }
                var responded = await scheduling.RespondAsync(sessionId.Value, person.Id, verb == "accept" ? AttendeeResponse.Accepted : AttendeeResponse.Declined, cancellationToken);
                return responded.Succeeded ? (verb == "accept" ? "Accepted." : "Declined.") : responded.Errors.FirstOrDefault()?.Message ?? "Not possible.";
            default:
                return "Nothing to do.";
        }
    }

    /// <summary>The e-mail Slack has for a user (users.info).</summary>
    private async Task<string?> EmailOfAsync(string userId, CancellationToken cancellationToken)
    {
        var slack = options.Value;
        if (string.IsNullOrEmpty(slack.BotToken))
        {
            return null;
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{slack.ApiBaseUrl.TrimEnd('/')}/users.info?user={Uri.EscapeDataString(userId)}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", slack.BotToken);
        using var client = http.CreateClient("notifications");
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return node?["ok"]?.GetValue<bool>() == true ? node["user"]?["profile"]?["email"]?.GetValue<string>() : null;
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException)
        {
            logger.LogWarning("Slack's users.info failed: {Error}", e.Message);
            return null;
        }
    }
}
