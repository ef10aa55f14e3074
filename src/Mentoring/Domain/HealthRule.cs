namespace Mentoring.Domain;

/// <summary>
/// A program's rule for relationship health: how long past the plan's cadence a pair may go without
/// a check-in, how many missed periods make it at risk, which mean rating needs a word, and how long
/// a new pair is too early to tell.
/// </summary>
public sealed class HealthRule
{
    /// <summary>Days past the plan's period before a check-in is missed.</summary>
    public int GraceDays { get; set; } = 2;

    /// <summary>Missed periods that make a pair at risk (one missed period needs a check-in).</summary>
    public int AtRiskMissedPeriods { get; set; } = 2;

    /// <summary>A mean rating of the last three check-ins and sessions below this needs a check-in.</summary>
    public double LowRating { get; set; } = 2.5;

    /// <summary>A pair younger than this with nothing logged yet is too early to tell.</summary>
    public int TooEarlyDays { get; set; } = 7;

    /// <summary>Days after which a pair with no goal needs a check-in.</summary>
    public int GoalWithinDays { get; set; } = 30;

    /// <summary>Reminders ignored in a row before a person is flagged to the admin.</summary>
    public int IgnoredReminders { get; set; } = 3;
}
