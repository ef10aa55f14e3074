using NodaTime;

namespace Mentoring.Domain;

/// <summary>
/// The record that a host's digest of one day's stand-ups went to the outbox. Its unique
/// (recipient, day) is what keeps the digest job to one a day per host, across restarts and
/// instances: it is written in the same transaction as the message.
/// </summary>
public sealed class StandupDigest
{
    public int Id { get; set; }

    /// <summary>The host's e-mail address.</summary>
    public required string Recipient { get; set; }

    /// <summary>The day whose stand-ups the digest holds.</summary>
    public LocalDate Day { get; set; }

    /// <summary>The message; none when the host has no channel to be reached on (the row still keeps the day done).</summary>
    public int? NotificationId { get; set; }

    public Notification? Notification { get; set; }

    public Instant CreatedAt { get; set; }
}
