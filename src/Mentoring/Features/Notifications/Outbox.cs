using System.Text.Json;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Notifications;

/// <summary>The kinds of message a person can unsubscribe from (security messages they cannot).</summary>
public static class Categories
{
    public const string Sessions = "sessions";
    public const string Reminders = "reminders";
    public const string Roulette = "roulette";
    public const string Digests = "digests";
    public const string Surveys = "surveys";
    public const string General = "general";

    /// <summary>Password and invitation links: always e-mailed, at once, without an unsubscribe link.</summary>
    public const string Security = "security";

    public static readonly string[] Unsubscribable = [Sessions, Reminders, Roulette, Surveys, Digests, General];

    public static string Describe(string category) => category switch
    {
        Sessions => "session invitations, updates and cancellations",
        Reminders => "reminders before sessions",
        Roulette => "coffee roulette introductions and questions",
        Digests => "weekly digests",
        Surveys => "surveys and their reminders",
        Security => "account security",
        _ => "other messages",
    };
}

/// <summary>A button on a chat message ("we met", accept …); its value comes back to the Slack interactions endpoint.</summary>
public sealed record MessageAction(string Label, string Value, bool Primary = false);

/// <summary>What else a message carries besides its template and model.</summary>
public sealed record MessageOptions
{
    public int? ProgramId { get; init; }

    /// <summary>An iCalendar (REQUEST or CANCEL) for the e-mail.</summary>
    public string? Calendar { get; init; }

    /// <summary>When the session it is about starts: a message for a session within the hour ignores quiet hours.</summary>
    public Instant? StartsAt { get; init; }

    /// <summary>At most one message per key (and channel).</summary>
    public string? DedupKey { get; init; }

    public IReadOnlyList<MessageAction> Actions { get; init; } = [];
}

/// <summary>The Slack settings (<c>Slack:*</c>).</summary>
public sealed class SlackOptions
{
    public string ApiBaseUrl { get; set; } = "https://slack.com/api";

    /// <summary>The bot's token (xoxb-…): without it no direct message goes to Slack.</summary>
    public string? BotToken { get; set; }

    /// <summary>Checks that interactions come from Slack.</summary>
    public string? SigningSecret { get; set; }
}

/// <summary>
/// The one way to write a message: from a template, to the channels its person chose, at a time their
/// quiet hours allow (or into their digest), with an unsubscribe link for its category. It adds rows
/// to the context; the caller's SaveChanges writes them with the change they announce.
/// </summary>
public sealed class Outbox(MentoringDbContext db, IClock clock, MessageTemplates templates, UnsubscribeLinks unsubscribe, SiteAddress site,
    IOptions<SlackOptions> slack)
{
    private readonly Dictionary<int, NotificationPreference?> preferences = [];
    private readonly Dictionary<int, ProgramNotificationSettings?> programs = [];
    private readonly Dictionary<int, string> programNames = [];
    private readonly Dictionary<(string Key, int? ProgramId, string Language), (string Subject, string Text, string Html)> sources = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes a message for a person; returns the rows written (none when they have no way to be reached).</summary>
    public async Task<IReadOnlyList<Notification>> EnqueueAsync(Person person, string templateKey, Dictionary<string, object?> model, string category,
        bool timeBound, MessageOptions? options = null, CancellationToken cancellationToken = default)
    {
        var rows = await ComposeAsync(person, templateKey, model, category, timeBound, options, cancellationToken);
        db.Notifications.AddRange(rows);
        return rows;
    }

    /// <summary>
    /// The rows <see cref="EnqueueAsync"/> writes, without adding them to the context: for a caller
    /// that writes thousands at once in its own transaction (a roulette round).
    /// </summary>
    public async Task<List<Notification>> ComposeAsync(Person person, string templateKey, Dictionary<string, object?> model, string category,
        bool timeBound, MessageOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MessageOptions();
        var now = clock.GetCurrentInstant();
        var security = category == Categories.Security;
        var preference = security ? null : await PreferenceAsync(person.Id, cancellationToken);
        var effective = preference ?? new NotificationPreference { PersonId = person.Id };
        var unsubscribeUrl = security ? "" : unsubscribe.Url(site.Url(), person.Id, category);
        await AddCommonAsync(model, person, options.ProgramId, unsubscribeUrl, cancellationToken);
        var language = person.Languages.Select(Language).FirstOrDefault(l => l is not null) ?? MessageTemplates.DefaultLanguage;
        var (subjectSource, textSource, htmlSource) = await SourceAsync(templateKey, options.ProgramId, language, cancellationToken);
        var rendered = MessageTemplates.Render(subjectSource, textSource, htmlSource, model);
        var text = rendered.Text;
        var html = rendered.Html;
        if (!security)
        {
            text += $"\n--\nStop {Categories.Describe(category)}: {unsubscribeUrl}\nChoose how and when you hear from Mentoring: {site.Url()}/Me/Notifications\n";
            html += $"<hr><p style=\"font-size:small\"><a href=\"{System.Net.WebUtility.HtmlEncode(unsubscribeUrl)}\">Stop {Categories.Describe(category)}</a> · "
                + $"<a href=\"{System.Net.WebUtility.HtmlEncode(site.Url())}/Me/Notifications\">Choose how and when you hear from Mentoring</a></p>";
        }

        var status = NotificationStatus.Pending;
        string? skipped = null;
        if (effective.Unsubscribed.Contains(category))
        {
            (status, skipped) = (NotificationStatus.Skipped, $"unsubscribed from {Categories.Describe(category)}");
        }
        else if (!timeBound && !security && effective.Digest != DigestFrequency.None)
        {
            status = NotificationStatus.Held;
        }
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(person.EffectiveTimeZone ?? "") ?? DateTimeZone.Utc;
        // Security links are asked for just now; a session within the hour cannot wait for the morning.
        var urgent = security || (options.StartsAt is { } starts && starts - now <= Duration.FromHours(1));
        Instant? due = urgent ? null : QuietHours.NextAllowed(now, zone, effective);
        if (due == now)
        {
            due = null;
        }

        var rows = new List<Notification>();
        foreach (var (channel, recipient) in await ChannelsAsync(person, effective, security, options.ProgramId, cancellationToken))
        {
            var row = new Notification
            {
                Channel = channel, Recipient = recipient, Subject = rendered.Subject, Body = text, HtmlBody = channel == "email" ? html : null,
                Attachment = channel == "email" ? options.Calendar : null, CreatedAt = now, PersonId = person.Id, ProgramId = options.ProgramId,
                Category = category, TemplateKey = templateKey, Status = status, LastError = skipped, DueAt = due,
                Blocks = channel is "slack" ? SlackBlocks(rendered.Subject, rendered.Text, options.Actions) : null,
                DedupKey = options.DedupKey is null ? null : $"{options.DedupKey}:{channel}",
            };
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// Messages that have not gone yet (waiting, or held for a digest) and are no longer true, such as
    /// the reminders of a session that moved: skipped, with the reason, in the caller's transaction.
    /// </summary>
    public async Task DropPendingAsync(string dedupKeyPrefix, string reason, CancellationToken cancellationToken)
    {
        var stale = await db.Notifications.Where(n => n.DedupKey != null && n.DedupKey.StartsWith(dedupKeyPrefix)
            && (n.Status == NotificationStatus.Pending || n.Status == NotificationStatus.Held)).ToListAsync(cancellationToken);
        foreach (var row in stale)
        {
            row.Status = NotificationStatus.Skipped;
            row.LastError = reason;
        }
    }

    /// <summary>A message to an address with no person behind it yet (an account's e-mail): e-mail only, at once.</summary>
    public async Task<Notification> EnqueueToAddressAsync(string email, string name, string templateKey, Dictionary<string, object?> model, string category,
        CancellationToken cancellationToken = default)
    {
        var person = new Person { ExternalId = "", Name = name, Email = email };
        await AddCommonAsync(model, person, null, "", cancellationToken);
        var rendered = await templates.RenderAsync(templateKey, null, MessageTemplates.DefaultLanguage, model, cancellationToken);
        var row = new Notification
        {
            Channel = "email", Recipient = email, Subject = rendered.Subject, Body = rendered.Text, HtmlBody = rendered.Html,
            CreatedAt = clock.GetCurrentInstant(), Category = category, TemplateKey = templateKey,
        };
        db.Notifications.Add(row);
        return row;
    }

    /// <summary>A message to a program's own channels (Slack and Teams, those it has); returns the rows written.</summary>
    public async Task<IReadOnlyList<Notification>> EnqueueToProgramAsync(int programId, string templateKey, Dictionary<string, object?> model, string category,
        CancellationToken cancellationToken = default)
    {
        var settings = await ProgramSettingsAsync(programId, cancellationToken);
        await AddCommonAsync(model, null, programId, "", cancellationToken);
        var rendered = await templates.RenderAsync(templateKey, programId, MessageTemplates.DefaultLanguage, model, cancellationToken);
        var rows = new List<Notification>();
        var now = clock.GetCurrentInstant();
        if (!string.IsNullOrEmpty(settings?.SlackWebhookUrl) || !string.IsNullOrEmpty(settings?.SlackChannel))
        {
            rows.Add(new Notification
            {
                Channel = "slack-channel", Recipient = $"program:{programId}", Subject = rendered.Subject, Body = rendered.Text,
                Blocks = SlackBlocks(rendered.Subject, rendered.Text, []), CreatedAt = now, ProgramId = programId, Category = category, TemplateKey = templateKey,
            });
        }
        if (!string.IsNullOrEmpty(settings?.TeamsWebhookUrl))
        {
            rows.Add(new Notification
            {
                Channel = "teams-channel", Recipient = $"program:{programId}", Subject = rendered.Subject, Body = rendered.Text,
                CreatedAt = now, ProgramId = programId, Category = category, TemplateKey = templateKey,
            });
        }
        db.Notifications.AddRange(rows);
        return rows;
    }

    /// <summary>The fields every template has: the person, the program, the site, the unsubscribe link.</summary>
    private async Task AddCommonAsync(Dictionary<string, object?> model, Person? person, int? programId, string unsubscribeUrl, CancellationToken cancellationToken)
    {
        if (person is not null)
        {
            model.TryAdd("person", PersonModel(person));
        }
        var programName = programId is { } id ? await ProgramNameAsync(id, cancellationToken) : "";
        model.TryAdd("program", new Dictionary<string, object?> { ["name"] = programName, ["id"] = programId });
        model.TryAdd("site_url", site.Url());
        model.TryAdd("unsubscribe_url", unsubscribeUrl);
    }

    public static Dictionary<string, object?> PersonModel(Person person) => new()
    {
        ["name"] = person.Name,
        ["first_name"] = person.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? person.Name,
        ["email"] = person.Email ?? "",
        ["department"] = person.Department ?? "",
        ["job_title"] = person.JobTitle ?? "",
    };

    private async Task<List<(string Channel, string Recipient)>> ChannelsAsync(Person person, NotificationPreference preference, bool security, int? programId,
        CancellationToken cancellationToken)
    {
        var email = string.IsNullOrWhiteSpace(person.Email) ? null : person.Email.Trim();
        var chosen = new List<(string, string)>();
        if (!security)
        {
            if (preference.Channels.Contains("slack") && email is not null && !string.IsNullOrEmpty(slack.Value.BotToken))
            {
                chosen.Add(("slack", email));
            }
            if (preference.Channels.Contains("teams") && programId is { } id && !string.IsNullOrEmpty((await ProgramSettingsAsync(id, cancellationToken))?.TeamsWebhookUrl))
            {
                chosen.Add(("teams", $"program:{id}"));
            }
        }
        // E-mail when chosen, and whenever no other chosen channel can reach them.
        if (email is not null && (security || preference.Channels.Contains("email") || chosen.Count == 0))
        {
            chosen.Insert(0, ("email", email));
        }
        return chosen;
    }

    /// <summary>
    /// Reads the preferences of many people at once, before writing to each of them (a roulette round
    /// writes to thousands): one query per thousand people instead of one per message.
    /// </summary>
    public async Task PreloadPreferencesAsync(IEnumerable<int> personIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in personIds.Where(id => !preferences.ContainsKey(id)).Distinct().Chunk(1000))
        {
            var found = await db.NotificationPreferences.AsNoTracking().Where(p => chunk.Contains(p.PersonId)).ToDictionaryAsync(p => p.PersonId, cancellationToken);
            foreach (var id in chunk)
            {
                preferences[id] = found.GetValueOrDefault(id);
            }
        }
    }

    /// <summary>A template's source, read once per key, program and language for all the messages this outbox writes.</summary>
    private async Task<(string Subject, string Text, string Html)> SourceAsync(string key, int? programId, string language, CancellationToken cancellationToken)
    {
        if (!sources.TryGetValue((key, programId, language), out var source))
        {
            source = await templates.SourceAsync(key, programId, language, cancellationToken);
            sources[(key, programId, language)] = source;
        }
        return source;
    }

    private async Task<NotificationPreference?> PreferenceAsync(int personId, CancellationToken cancellationToken)
    {
        if (!preferences.TryGetValue(personId, out var preference))
        {
            preference = await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.PersonId == personId, cancellationToken);
            preferences[personId] = preference;
        }
        return preference;
    }

    private async Task<ProgramNotificationSettings?> ProgramSettingsAsync(int programId, CancellationToken cancellationToken)
    {
        if (!programs.TryGetValue(programId, out var settings))
        {
            settings = await db.ProgramNotificationSettings.AsNoTracking().SingleOrDefaultAsync(p => p.ProgramId == programId, cancellationToken);
            programs[programId] = settings;
        }
        return settings;
    }

    private async Task<string> ProgramNameAsync(int programId, CancellationToken cancellationToken)
    {
        if (!programNames.TryGetValue(programId, out var name))
        {
            name = await db.Programs.AsNoTracking().Where(p => p.Id == programId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
            programNames[programId] = name;
        }
        return name;
    }

    /// <summary>A language code ("en", "fr") from what a profile says ("English", "fr-FR").</summary>
    private static string? Language(string value)
    {
        var v = value.Trim().ToLowerInvariant();
        return v switch
        {
            "english" => "en",
            "french" or "français" => "fr",
            "german" or "deutsch" => "de",
            "spanish" or "español" => "es",
            _ when v.Length >= 2 && v.Length <= 5 && v[..2].All(char.IsAsciiLetter) => v[..2],
            _ => null,
        };
    }

    /// <summary>Block Kit: a header, the text, and the buttons; the plain-text body is the notification's fallback <c>text</c>.</summary>
    public static string SlackBlocks(string subject, string text, IReadOnlyList<MessageAction> actions)
    {
        var blocks = new List<object>
        {
            new { type = "header", text = new { type = "plain_text", text = Clip(subject, 150) } },
            new { type = "section", text = new { type = "plain_text", text = Clip(text.Trim(), 2900) } },
        };
        if (actions.Count > 0)
        {
            blocks.Add(new
            {
                type = "actions",
                elements = actions.Select((a, i) =>
                {
                    var button = new Dictionary<string, object>
                    {
                        ["type"] = "button", ["action_id"] = $"mentoring-{i}", ["text"] = new { type = "plain_text", text = a.Label }, ["value"] = a.Value,
                    };
                    if (a.Primary)
                    {
                        button["style"] = "primary";
                    }
                    return button;
                }).ToList(),
            });
        }
        return JsonSerializer.Serialize(blocks, new JsonSerializerOptions(Json) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
