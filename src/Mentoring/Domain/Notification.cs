using NodaTime;

namespace Mentoring.Domain;

/// <summary>
/// A message waiting to go out (the outbox): written in the same transaction as the change it
/// announces, sent afterwards by the dispatcher, so nothing is announced that did not happen and
/// nothing that happened goes unannounced.
/// </summary>
[NotAudited]
public sealed class Notification
{
    public int Id { get; set; }

    /// <summary><c>email</c> or <c>webhook</c>.</summary>
    public required string Channel { get; set; }

    public required string Recipient { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    /// <summary>An iCalendar invitation sent along (text/calendar), for e-mails about sessions.</summary>
    public string? Attachment { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
