using MailKit.Net.Smtp;
using MailKit.Security;
using Mentoring.Data;
using Mentoring.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;

namespace Mentoring.Infrastructure;

/// <summary>SMTP settings (<c>Smtp:*</c>); without a host, e-mails wait in the outbox.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Mentoring <mentoring@localhost>";

    /// <summary><c>Auto</c>, <c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
}

/// <summary>
/// Sends what the outbox holds: e-mails over SMTP (MailKit). A message that fails is tried again on
/// later passes, up to five times, with its last error kept for the admin.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes, IClock clock, JobLeases leases, JobMetrics metrics, IOptions<JobsOptions> jobs, IOptions<SmtpOptions> smtpOptions, ILogger<OutboxDispatcher> logger)
    : PeriodicJob(leases, metrics, jobs, logger)
{
    internal const int MaxAttempts = 5;

    protected override string Activity => "Sending the outbox";

    protected override string Name => "outbox";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SendPendingAsync(cancellationToken);

    /// <summary>Sends every pending e-mail; returns how many went out.</summary>
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken)
    {
        var smtp = smtpOptions.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return 0;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        var pending = await db.Notifications.Where(n => n.SentAt == null && n.Channel == "email" && n.Attempts < MaxAttempts)
            .OrderBy(n => n.Id).Take(200).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }
        using var client = new SmtpClient();
        var sent = 0;
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            }
            foreach (var notification in pending)
            {
                notification.Attempts++;
                try
                {
                    var message = new MimeMessage();
                    message.From.Add(MailboxAddress.Parse(smtp.From));
                    message.To.Add(MailboxAddress.Parse(notification.Recipient));
                    message.Subject = notification.Subject;
                    var body = new BodyBuilder { TextBody = notification.Body };
                    if (notification.Attachment is { } ics)
                    {
                        body.Attachments.Add("invite.ics", System.Text.Encoding.UTF8.GetBytes(ics), ContentType.Parse("text/calendar; method=REQUEST; charset=utf-8"));
                    }
                    message.Body = body.ToMessageBody();
                    await client.SendAsync(message, cancellationToken);
                    notification.SentAt = clock.GetCurrentInstant();
                    notification.LastError = null;
                    sent++;
                }
                catch (Exception e) when (e is SmtpCommandException or ParseException or FormatException)
                {
                    notification.LastError = e.Message;
                }
            }
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is SmtpProtocolException or System.Net.Sockets.SocketException or IOException or AuthenticationException)
        {
            foreach (var notification in pending.Where(n => n.SentAt is null))
            {
                notification.LastError = e.Message;
            }
            logger.LogWarning("The SMTP server {Host}:{Port} could not be used: {Error}", smtp.Host, smtp.Port, e.Message);
        }
        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }
}
