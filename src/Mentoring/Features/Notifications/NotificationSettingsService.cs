using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Features.Notifications;

/// <summary>A person's notification choices over the API: times as HH:mm in their own zone.</summary>
public sealed record NotificationPreferencesDto(
    IReadOnlyList<string> Channels, string QuietStart, string QuietEnd, bool QuietWeekends, DigestFrequency Digest, IReadOnlyList<string> Unsubscribed,
    string TimeZone)
{
    public static NotificationPreferencesDto From(NotificationPreference p, string zone) => new(
        p.Channels, Time(p.QuietStart), Time(p.QuietEnd), p.QuietWeekends, p.Digest, p.Unsubscribed, zone);

    public static string Time(LocalTime t) => LocalTimePattern.CreateWithInvariantCulture("HH:mm").Format(t);
}

public sealed record NotificationPreferencesInput(
    IReadOnlyList<string>? Channels = null, string? QuietStart = null, string? QuietEnd = null, bool? QuietWeekends = null, DigestFrequency? Digest = null,
    IReadOnlyList<string>? Unsubscribed = null);

/// <summary>A program's chat channels as the API pins them, and its reminder offsets.</summary>
public sealed record ProgramNotificationsInput(
    string? SlackWebhookUrl = null, string? TeamsWebhookUrl = null, string? SlackChannel = null, IReadOnlyList<int>? ReminderHours = null);

public sealed record ProgramNotificationsDto(int ProgramId, string? SlackWebhookUrl, string? TeamsWebhookUrl, string? SlackChannel, IReadOnlyList<int> ReminderHours)
{
    public static ProgramNotificationsDto From(int programId, ProgramNotificationSettings? s) =>
        new(programId, s?.SlackWebhookUrl, s?.TeamsWebhookUrl, s?.SlackChannel, s?.ReminderHours ?? [24, 1]);
}

/// <summary>How one message stands: for the admin's delivery list and the test button.</summary>
public sealed record DeliveryDto(
    int Id, string Channel, string Recipient, string Subject, string Category, NotificationStatus Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt)
{
    public static DeliveryDto From(Notification n) => new(
        n.Id, n.Channel, n.Recipient, n.Subject, n.Category, n.Status, n.Attempts, n.LastError, n.CreatedAt.ToDateTimeOffset(),
        n.DueAt?.ToDateTimeOffset(), n.NextAttemptAt?.ToDateTimeOffset(), n.SentAt?.ToDateTimeOffset());
}

/// <summary>People's preferences, programs' channels, and the admin's resend.</summary>
public sealed class NotificationSettingsService(MentoringDbContext db, IClock clock, Outbox outbox)
{
    public async Task<Outcome<NotificationPreferencesDto>> MineAsync(int? personId, CancellationToken cancellationToken)
    {
        if (personId is not { } id || await db.People.AsNoTracking().Include(p => p.Office).SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } person)
        {
            return Outcome.Invalid("person", "your account is not linked to anyone on the roster");
        }
        var preference = await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.PersonId == id, cancellationToken)
            ?? new NotificationPreference { PersonId = id };
        return NotificationPreferencesDto.From(preference, person.EffectiveTimeZone ?? "UTC");
    }

    public async Task<Outcome<NotificationPreferencesDto>> SaveMineAsync(int? personId, NotificationPreferencesInput input, CancellationToken cancellationToken)
    {
        if (personId is not { } id)
        {
            return Outcome.Invalid("person", "your account is not linked to anyone on the roster");
        }
        var errors = new List<FieldError>();
        var channels = (input.Channels ?? ["email"]).Select(c => c.Trim().ToLowerInvariant()).Distinct().ToList();
        if (channels.FirstOrDefault(c => !NotificationPreference.AllChannels.Contains(c)) is { } unknown)
        {
            errors.Add(new FieldError("channels", $"\"{unknown}\" is not a channel: choose from email, slack and teams"));
        }
        if (channels.Count == 0)
        {
            errors.Add(new FieldError("channels", "choose at least one channel"));
        }
        var start = ParseTime(input.QuietStart ?? "20:00", "quietStart", errors);
        var end = ParseTime(input.QuietEnd ?? "08:00", "quietEnd", errors);
        var unsubscribed = (input.Unsubscribed ?? []).Distinct().ToList();
        if (unsubscribed.FirstOrDefault(c => !Categories.Unsubscribable.Contains(c)) is { } category)
        {
            errors.Add(new FieldError("unsubscribed", category == Categories.Security
                ? "security messages (password and invitation links) cannot be turned off"
                : $"\"{category}\" is not a kind of message: choose from {string.Join(", ", Categories.Unsubscribable)}"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var preference = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.PersonId == id, cancellationToken);
        if (preference is null)
        {
            preference = new NotificationPreference { PersonId = id };
            db.NotificationPreferences.Add(preference);
        }
        preference.Channels = channels;
        preference.QuietStart = start;
        preference.QuietEnd = end;
        preference.QuietWeekends = input.QuietWeekends ?? true;
        preference.Digest = input.Digest ?? DigestFrequency.None;
        preference.Unsubscribed = unsubscribed;
        await db.SaveChangesAsync(cancellationToken);
        return await MineAsync(id, cancellationToken);
    }

    /// <summary>An unsubscribe link's category, off for its person.</summary>
    public async Task UnsubscribeAsync(int personId, string category, CancellationToken cancellationToken)
    {
        var preference = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.PersonId == personId, cancellationToken);
        if (preference is null)
        {
            preference = new NotificationPreference { PersonId = personId };
            db.NotificationPreferences.Add(preference);
        }
        if (!preference.Unsubscribed.Contains(category) && Categories.Unsubscribable.Contains(category))
        {
            preference.Unsubscribed = [.. preference.Unsubscribed, category];
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Outcome<ProgramNotificationsDto>> ProgramAsync(int programId, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == programId, cancellationToken))
        {
            return Outcome.NotFound();
        }
        return ProgramNotificationsDto.From(programId,
            await db.ProgramNotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ProgramId == programId, cancellationToken));
    }

    public async Task<Outcome<ProgramNotificationsDto>> SaveProgramAsync(int programId, ProgramNotificationsInput input, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == programId, cancellationToken))
        {
            return Outcome.NotFound();
        }
        var errors = new List<FieldError>();
        var slack = Url(input.SlackWebhookUrl, "slackWebhookUrl", errors);
        var teams = Url(input.TeamsWebhookUrl, "teamsWebhookUrl", errors);
        var channel = string.IsNullOrWhiteSpace(input.SlackChannel) ? null : input.SlackChannel.Trim();
        if (channel is not null && (channel.Length > 80 || channel.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            errors.Add(new FieldError("slackChannel", "a Slack channel is a name like #mentoring or an id like C0123456, without spaces"));
        }
        var hours = (input.ReminderHours ?? [24, 1]).Distinct().OrderDescending().ToList();
        if (hours.Any(h => h is < 1 or > 336) || hours.Count > 5)
        {
            errors.Add(new FieldError("reminderHours", "up to five reminders, each from 1 to 336 hours before the session"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var settings = await db.ProgramNotificationSettings.SingleOrDefaultAsync(s => s.ProgramId == programId, cancellationToken);
        if (settings is null)
        {
            settings = new ProgramNotificationSettings { ProgramId = programId };
            db.ProgramNotificationSettings.Add(settings);
        }
        (settings.SlackWebhookUrl, settings.TeamsWebhookUrl, settings.SlackChannel, settings.ReminderHours) = (slack, teams, channel, hours);
        await db.SaveChangesAsync(cancellationToken);
        return ProgramNotificationsDto.From(programId, settings);
    }

    /// <summary>Writes a test message to the program's channels; the rows, to send at once.</summary>
    public async Task<Outcome<IReadOnlyList<int>>> TestAsync(int programId, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == programId, cancellationToken))
        {
            return Outcome.NotFound();
        }
        var rows = await outbox.EnqueueToProgramAsync(programId, "program-test", [], Categories.General, cancellationToken);
        if (rows.Count == 0)
        {
            return Outcome.Invalid("slackWebhookUrl", "the program has no Slack or Teams channel yet: set a webhook first");
        }
        await db.SaveChangesAsync(cancellationToken);
        return rows.Select(r => r.Id).ToList();
    }

    public async Task<IReadOnlyList<DeliveryDto>> DeliveriesAsync(IReadOnlyCollection<NotificationStatus>? statuses, int take, CancellationToken cancellationToken)
    {
        var query = db.Notifications.AsNoTracking();
        if (statuses is { Count: > 0 })
        {
            query = query.Where(n => statuses.Contains(n.Status));
        }
        var rows = await query.OrderByDescending(n => n.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(cancellationToken);
        return rows.Select(DeliveryDto.From).ToList();
    }

    /// <summary>A dead, unconfirmed or skipped message goes again (with the same Message-Id).</summary>
    public async Task<Outcome<DeliveryDto>> ResendAsync(int id, CancellationToken cancellationToken)
    {
        var row = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (row is null)
        {
            return Outcome.NotFound();
        }
        if (row.Status is not (NotificationStatus.Dead or NotificationStatus.Unconfirmed or NotificationStatus.Sent))
        {
            return Outcome.Invalid("id", "only a message that failed, may not have arrived, or went already can be sent again");
        }
        row.Status = NotificationStatus.Pending;
        row.Attempts = 0;
        row.NextAttemptAt = row.DueAt = null;
        row.LeaseOwner = null;
        row.LeaseUntil = null;
        row.LastError = $"resent by an admin on {InstantPattern.General.Format(clock.GetCurrentInstant())}";
        await db.SaveChangesAsync(cancellationToken);
        return DeliveryDto.From(row);
    }

    private static LocalTime ParseTime(string value, string field, List<FieldError> errors)
    {
        var result = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(value.Trim());
        if (!result.Success)
        {
            errors.Add(new FieldError(field, "a time of day as HH:mm, e.g. 20:00"));
            return LocalTime.Midnight;
        }
        return result.Value;
    }

    private static string? Url(string? value, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || value.Length > 1000)
        {
            errors.Add(new FieldError(field, "a webhook is an https:// address (up to 1,000 characters)"));
            return null;
        }
        return uri.ToString();
    }
}
