using NodaTime;

namespace Mentoring.Domain;

/// <summary>Who a missed check-in was told to: the person reminded, or the program's admins.</summary>
public enum ReminderKind
{
    Reminder,
    Admin,
}

/// <summary>
/// The record of one nudge for one missed period. Unique per mentorship, person, period and kind, so
/// a restart or a second instance never sends the same nudge twice.
/// </summary>
public sealed class CheckInReminder
{
    public int Id { get; set; }

    public int MentorshipId { get; set; }

    /// <summary>The person reminded; for an admin nudge, the mentee whose pair went quiet.</summary>
    public int PersonId { get; set; }

    /// <summary>The day the missed check-in was due.</summary>
    public LocalDate DueOn { get; set; }

    public ReminderKind Kind { get; set; }

    public Instant SentAt { get; set; }
}
