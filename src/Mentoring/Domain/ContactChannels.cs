namespace Mentoring.Domain;

/// <summary>The channels a person may say they prefer to be reached on (a preference only, for now).</summary>
public static class ContactChannels
{
    public const string Email = "email";
    public const string Slack = "slack";
    public const string Teams = "teams";

    public static IReadOnlyList<string> All { get; } = [Email, Slack, Teams];
}
