using Mentoring.Data;
using Mentoring.Tests.Support;
using NodaTime;
using NodaTime.Testing;

namespace Mentoring.Tests.Notifications;

/// <summary>The app with its outbox job sending every second to a real SMTP server (aiosmtpd), on a clock the test moves.</summary>
public abstract class SmtpClockFixture(DatabaseProvider provider, Instant start) : AppFixture(provider, new FakeClock(start))
{
    public SmtpServer Smtp { get; private set; } = null!;

    protected override async Task<string[]> ExtraSettingsAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        return ["--Smtp:Host=127.0.0.1", $"--Smtp:Port={Smtp.Port}", "--Smtp:Security=None", "--Smtp:From=Mentoring <mentoring@demo.local>",
            "--Jobs:Enabled=true", "--Jobs:IntervalSeconds=1"];
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Monday 7 June 2027, 14:00 UTC: working hours in London, New York and Bengaluru alike.</summary>
public sealed class DaytimeSmtpFixture() : SmtpClockFixture(DatabaseProvider.Sqlite, Daytime)
{
    public static readonly Instant Daytime = Instant.FromUtc(2027, 6, 7, 14, 0);
}

public sealed class PostgresDaytimeSmtpFixture() : SmtpClockFixture(DatabaseProvider.Postgres, DaytimeSmtpFixture.Daytime);

/// <summary>Monday 7 June 2027, 09:00 UTC: 10:00 in London, 05:00 in New York (inside its quiet hours).</summary>
public sealed class MorningSmtpFixture() : SmtpClockFixture(DatabaseProvider.Sqlite, Morning)
{
    public static readonly Instant Morning = Instant.FromUtc(2027, 6, 7, 9, 0);
}

public sealed class PostgresMorningSmtpFixture() : SmtpClockFixture(DatabaseProvider.Postgres, MorningSmtpFixture.Morning);

/// <summary>The app with Slack pointed at a local chat server, and the outbox sent by the test itself.</summary>
public sealed class ChatFixture() : AppFixture(DatabaseProvider.Sqlite, new FakeClock(Instant.FromUtc(2027, 6, 7, 14, 0)))
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    public ChatServer Chat { get; private set; } = null!;

    protected override async Task<string[]> ExtraSettingsAsync()
    {
        Chat = await ChatServer.StartAsync();
        return [$"--Slack:ApiBaseUrl={Chat.ApiBase}", "--Slack:BotToken=xoxb-test-token", $"--Slack:SigningSecret={SigningSecret}"];
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Chat.DisposeAsync();
    }
}
