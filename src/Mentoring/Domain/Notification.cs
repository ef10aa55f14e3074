using NodaTime;

namespace Mentoring.Domain;

/// <summary>Where a message in the outbox stands.</summary>
public enum NotificationStatus
{
    /// <summary>Waiting to go: now, at <see cref="Notification.DueAt"/>, or at its next attempt.</summary>
    Pending,

    /// <summary>Claimed by a dispatcher (under a lease) that has not yet handed it to its channel.</summary>
    Claimed,

    /// <summary>Being handed to its channel: if the lease runs out in this state, it may have gone.</summary>
    Sending,

    Sent,

    /// <summary>Failed every attempt: on the admin's dead-letter list until resent.</summary>
    Dead,

    /// <summary>Its sender stopped while handing it over, so it may have arrived: never sent again by itself.</summary>
    Unconfirmed,

    /// <summary>Held for the person's daily or weekly digest.</summary>
    Held,

    /// <summary>Went out inside a digest.</summary>
    Digested,

    /// <summary>Not sent: the person unsubscribed from its category, or has no address on that channel.</summary>
    Skipped,
}

/// <summary>
/// A message waiting to go out (the outbox): written in the same transaction as the change it
/// announces, sent afterwards by the dispatcher, so nothing is announced that did not happen and
/// nothing that happened goes unannounced. Write it with <c>Features.Notifications.Outbox</c>; rows
/// written with only the first columns (channel, recipient, subject, body) still go out as e-mails.
/// </summary>
[NotAudited]
public sealed class Notification
{
    public int Id { get; set; }

    /// <summary><c>email</c>, <c>slack</c> (a person's direct message), <c>teams</c>, <c>slack-channel</c> or <c>teams-channel</c> (a program's).</summary>
    public required string Channel { get; set; }

    /// <summary>An e-mail address (for slack, the address Slack knows the person by), or a program's webhook or channel.</summary>
    public required string Recipient { get; set; }

    public required string Subject { get; set; }

    /// <summary>The plain-text body.</summary>
    public required string Body { get; set; }

    /// <summary>An iCalendar invitation sent along (text/calendar, with its METHOD as the part's method=), for e-mails about sessions.</summary>
    public string? Attachment { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public NotificationStatus Status { get; set; } = NotificationStatus.Pending;

    /// <summary>The person it is for (none for a program's channel or a row written the old way).</summary>
    public int? PersonId { get; set; }

    public int? ProgramId { get; set; }

    /// <summary>What kind of message it is (session, roulette, reminder, digest, security, …): unsubscribing goes by it.</summary>
    public string Category { get; set; } = "general";

    /// <summary>The template it was made from.</summary>
    public string? TemplateKey { get; set; }

    public string? HtmlBody { get; set; }

    /// <summary>Slack Block Kit blocks (JSON), sent with the plain-text body as their fallback.</summary>
    public string? Blocks { get; set; }

    /// <summary>Not before this moment: the end of the person's quiet hours.</summary>
    public Instant? DueAt { get; set; }

    /// <summary>After a failed attempt, when to try again (exponential backoff).</summary>
    public Instant? NextAttemptAt { get; set; }

    /// <summary>The claim of one dispatcher on one instance: until when, and whose.</summary>
    public Instant? LeaseUntil { get; set; }

    public string? LeaseOwner { get; set; }

    /// <summary>
    /// At most one message per key (a reminder per session, person and offset; a digest per person
    /// and period), so clock-driven jobs on several instances write it once.
    /// </summary>
    public string? DedupKey { get; set; }

    /// <summary>The e-mail's Message-Id, made from the row, the same on every attempt.</summary>
    public string MessageIdFor(string domain) => $"<outbox-{Id}@{domain}>";
}
