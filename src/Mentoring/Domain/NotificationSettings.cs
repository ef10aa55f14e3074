using NodaTime;

namespace Mentoring.Domain;

/// <summary>How often a person wants what is not time-bound: one by one, or gathered in a digest.</summary>
public enum DigestFrequency
{
    None,
    Daily,
    Weekly,
}

/// <summary>A person's choices about how and when they hear from the product.</summary>
public sealed class NotificationPreference
{
    public int Id { get; set; }

    public int PersonId { get; set; }

    /// <summary>Of <c>email</c>, <c>slack</c>, <c>teams</c>.</summary>
    public List<string> Channels { get; set; } = ["email"];

    public LocalTime QuietStart { get; set; } = new(20, 0);

    public LocalTime QuietEnd { get; set; } = new(8, 0);

    public bool QuietWeekends { get; set; } = true;

    public DigestFrequency Digest { get; set; } = DigestFrequency.None;

    /// <summary>Categories they unsubscribed from.</summary>
    public List<string> Unsubscribed { get; set; } = [];

    public static readonly string[] AllChannels = ["email", "slack", "teams"];
}

/// <summary>A program's chat channels and reminder offsets.</summary>
public sealed class ProgramNotificationSettings
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    /// <summary>A Slack incoming webhook for the program's channel.</summary>
    public string? SlackWebhookUrl { get; set; }

    /// <summary>A Slack channel the bot posts to (chat.postMessage) when there is no webhook.</summary>
    public string? SlackChannel { get; set; }

    /// <summary>A Microsoft Teams Workflows webhook ("post to a channel when a webhook request is received").</summary>
    public string? TeamsWebhookUrl { get; set; }

    /// <summary>Hours before each session that people are reminded.</summary>
    public List<int> ReminderHours { get; set; } = [24, 1];
}

/// <summary>An edited message template: one per program (none for the default of every program), language and message.</summary>
public sealed class MessageTemplate
{
    public int Id { get; set; }

    public int? ProgramId { get; set; }

    public required string Language { get; set; }

    public required string Key { get; set; }

    public required string Subject { get; set; }

    public required string Text { get; set; }

    public required string Html { get; set; }

    public Instant UpdatedAt { get; set; }
}
