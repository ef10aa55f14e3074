using System.Net;
using System.Net.Sockets;
using System.Text;
using Mentoring.Domain;
using Mentoring.Features.Programs;
using Mentoring.Features.Roulette;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;

namespace Mentoring.Tests.Roulette;

/// <summary>Coffee-roulette programs through the real app, on each store.</summary>
public abstract class RouletteWorkflowTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    private async Task<int> ProgramIdAsync()
    {
        await using var db = app.OpenContext();
        return await db.Programs.Where(p => p.Kind == ProgramKind.CoffeeRoulette).Select(p => p.Id).FirstAsync();
    }

    private async Task<RouletteRound?> DrawAsync(int programId, LocalDate period)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RouletteService>().DrawAsync(programId, period, manual: false, CancellationToken.None);
    }

    [Fact]
    public async Task Rounds_place_everyone_once_never_repeat_and_are_drawn_once_per_period()
    {
        var programId = await ProgramIdAsync();
        await using var db = app.OpenContext();
        var expected = await db.Enrollments.CountAsync(e => e.ProgramId == programId && !e.OptedOut);

        var seen = new HashSet<(int, int)>();
        for (var week = 0; week < 4; week++)
        {
            var round = await DrawAsync(programId, new LocalDate(2027, 1, 4).PlusWeeks(week * 2));
            Assert.NotNull(round);
            var members = round!.Pairings.SelectMany(p => p.Members).ToList();
            Assert.Equal(expected, members.Count);
            Assert.Equal(members.Count, members.Distinct().Count());
            Assert.True(round.Pairings.Count(p => p.PersonCId is not null) == expected % 2);
            Assert.Equal(0, round.Repeats);
            foreach (var pairing in round.Pairings)
            {
                var ids = pairing.Members.Order().ToArray();
                for (var i = 0; i < ids.Length; i++)
                {
                    for (var j = i + 1; j < ids.Length; j++)
                    {
                        Assert.True(seen.Add((ids[i], ids[j])), "a pair met twice");
                    }
                }
                Assert.Contains(pairing.VideoLink, pairing.Introduction, StringComparison.Ordinal);
                Assert.Contains(pairing.Starter, pairing.Introduction, StringComparison.Ordinal);
            }
        }

        // The same period again, twice at once (two instances): nothing more is drawn.
        var period = new LocalDate(2027, 1, 4);
        var again = await Task.WhenAll(DrawAsync(programId, period), DrawAsync(programId, period));
        Assert.All(again, Assert.Null);
        var racing = await Task.WhenAll(DrawAsync(programId, new LocalDate(2027, 3, 1)), DrawAsync(programId, new LocalDate(2027, 3, 1)));
        Assert.Single(racing, r => r is not null);
        Assert.Equal(1, await db.RouletteRounds.CountAsync(r => r.ProgramId == programId && r.PeriodStart == new LocalDate(2027, 3, 1)));

        // Introductions wait in the outbox, one per person with an e-mail; each new round asks the last one "did you meet?".
        Assert.True(await db.Notifications.CountAsync(n => n.Subject.Contains("virtual coffee")) >= expected);
        Assert.True(await db.Notifications.CountAsync(n => n.Subject.StartsWith("Did you meet")) >= expected);
    }

    [Fact]
    public async Task A_round_is_stored_whole_with_its_audit_its_introductions_and_the_questions_about_the_last_one()
    {
        // A roulette of its own, so the other tests' rounds and answers are not its "last round".
        using var admin = app.As(Roles.Admin);
        var created = await (await admin.PostJsonAsync("/api/programs", new ProgramInput
        {
            Name = "Roulette " + Guid.NewGuid().ToString("N")[..6], Kind = ProgramKind.CoffeeRoulette, Status = ProgramStatus.Draft,
        })).ReadAsync<ProgramDto>();
        var programId = created.Id;
        var bulk = await admin.PostJsonAsync($"/api/programs/{programId}/enrollments/bulk", new { role = "participant" });
        Assert.True(bulk.IsSuccessStatusCode, await bulk.Content.ReadAsStringAsync());
        var first = await DrawAsync(programId, new LocalDate(2029, 1, 1));
        Assert.NotNull(first);
        await using var db = app.OpenContext();
        var before = await db.Notifications.MaxAsync(n => (int?)n.Id) ?? 0;
        var round = await DrawAsync(programId, new LocalDate(2029, 1, 15));
        Assert.NotNull(round);

        var stored = await db.RoulettePairings.Where(p => p.RoundId == round!.Id).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(round!.Pairings.Select(p => (p.Id, p.PersonAId, p.PersonBId, p.PersonCId, p.Introduction)),
            stored.Select(p => (p.Id, p.PersonAId, p.PersonBId, p.PersonCId, p.Introduction)));
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id);
        var messages = await db.Notifications.Where(n => n.Id > before && n.ProgramId == programId && n.TemplateKey == "roulette-introduction").ToListAsync();
        var audits = await db.AuditRecords.Where(a => a.EntityType == "roulette-pairing").ToListAsync();
        foreach (var pairing in stored)
        {
            // Each pairing's creation is in the audit trail under its key, with what it says.
            var audit = Assert.Single(audits, a => a.EntityId == pairing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("created", audit.Action);
            Assert.Contains($"\"id\":{{\"new\":{pairing.Id}}}", audit.Changes, StringComparison.Ordinal);
            Assert.Contains($"\"personAId\":{{\"new\":{pairing.PersonAId}}}", audit.Changes, StringComparison.Ordinal);
            Assert.Contains($"\"roundId\":{{\"new\":{round.Id}}}", audit.Changes, StringComparison.Ordinal);
            // Each member with an address has their introduction, with the pairing's words and its call link.
            foreach (var member in pairing.Members.Where(m => people[m].Email is not null))
            {
                var mine = Assert.Single(messages, n => n.PersonId == member && n.Body.Contains(pairing.VideoLink, StringComparison.Ordinal) && n.Channel == "email");
                Assert.StartsWith(pairing.Introduction, mine.Body, StringComparison.Ordinal);
                Assert.Contains("/Notifications/Unsubscribe?token=", mine.Body, StringComparison.Ordinal);
                Assert.Equal(people[member].Email, mine.Recipient);
            }
        }
        Assert.True(await db.AuditRecords.AnyAsync(a => a.EntityType == "roulette-round" && a.EntityId == round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // The second round asked each member of the first who had not answered whether they met, with the buttons.
        var questions = await db.Notifications.Where(n => n.Id > before && n.ProgramId == programId && n.TemplateKey == "roulette-did-you-meet").ToListAsync();
        Assert.NotEmpty(questions);
        foreach (var pairing in first!.Pairings)
        {
            foreach (var member in pairing.Members.Where(m => people[m].Email is not null))
            {
                Assert.Contains(questions, n => n.PersonId == member);
            }
        }
    }

    [Fact]
    public async Task The_schedule_draws_a_due_round_once_whatever_restarts()
    {
        var programId = await ProgramIdAsync();
        await using (var db = app.OpenContext())
        {
            var program = await db.Programs.SingleAsync(p => p.Id == programId);
            program.Roulette = new RouletteSettings { Cadence = RouletteCadence.Weekly, DrawHour = 9, TimeZone = "Asia/Kolkata" };
            await db.SaveChangesAsync();
        }
        // Monday 2027-06-07 08:00 in Bengaluru: not yet due. 09:30: due.
        var clock = new FakeClock(Instant.FromUtc(2027, 6, 7, 2, 30));
        RouletteScheduler Scheduler() => new(app.App.Services.GetRequiredService<IServiceScopeFactory>(), clock,
            app.App.Services.GetRequiredService<JobLeases>(), app.App.Services.GetRequiredService<JobMetrics>(), Options.Create(new JobsOptions()),
            app.App.Services.GetRequiredService<ILogger<RouletteScheduler>>());
        Assert.Equal(0, await Scheduler().DrawDueRoundsAsync(CancellationToken.None));
        clock.AdvanceMinutes(90);
        Assert.Equal(1, await Scheduler().DrawDueRoundsAsync(CancellationToken.None));
        // A restarted app (a new scheduler) checking again the same week draws nothing more.
        clock.AdvanceHours(30);
        Assert.Equal(0, await Scheduler().DrawDueRoundsAsync(CancellationToken.None));
        await using var check = app.OpenContext();
        Assert.Equal(1, await check.RouletteRounds.CountAsync(r => r.ProgramId == programId && r.PeriodStart == new LocalDate(2027, 6, 7)));
    }

    [Fact]
    public async Task People_opt_out_pause_answer_did_you_meet_and_the_admin_sees_the_rate()
    {
        var programId = await ProgramIdAsync();
        using var mentee = app.As(Roles.Mentee);
        var joined = await (await mentee.PutJsonAsync($"/api/programs/{programId}/roulette/me", new MyRouletteInput(true, null, RouletteCadence.Weekly)))
            .ReadAsync<MyRoulette>();
        Assert.True(joined.Enrolled && joined.OptedIn);

        var round = await DrawAsync(programId, new LocalDate(2028, 1, 3));
        var me = (await (await mentee.GetAsync($"/api/programs/{programId}/roulette/me")).ReadAsync<MyRoulette>()).Pairings.First();
        Assert.NotEmpty(me.With);
        var answered = await (await mentee.PostJsonAsync($"/api/roulette/pairings/{me.Id}/met", new MetInput(true))).ReadAsync<PairingDto>();
        Assert.True(answered.IMet);
        Assert.True(answered.Met);

        // "Did you meet?" feeds the history: a pairing everyone said did not happen may be drawn again.
        var missed = round!.Pairings.First(p => p.Id != me.Id && p.PersonCId is null);
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var roulette = scope.ServiceProvider.GetRequiredService<RouletteService>();
            Assert.Contains((missed.PersonAId, missed.PersonBId), await roulette.HistoryAsync(programId, CancellationToken.None));
            await roulette.AnswerAsync(missed.Id, missed.PersonAId, met: false, CancellationToken.None);
            await roulette.AnswerAsync(missed.Id, missed.PersonBId, met: false, CancellationToken.None);
            Assert.DoesNotContain((missed.PersonAId, missed.PersonBId), await roulette.HistoryAsync(programId, CancellationToken.None));
        }

        // Someone else's pairing is not theirs to answer.
        var other = round.Pairings.First(p => p.Id != me.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await mentee.PostJsonAsync($"/api/roulette/pairings/{other.Id}/met", new MetInput(true))).StatusCode);

        using var admin = app.As(Roles.Admin);
        var overview = await (await admin.GetAsync($"/api/programs/{programId}/roulette")).ReadAsync<RouletteOverview>();
        var summary = overview.Rounds.Single(r => r.Id == round.Id);
        Assert.Equal(Math.Round(1.0 / round.Pairings.Count, 3), summary.MeetingRate);

        // Paused until a date: left out of rounds before it; opted out: left out for good.
        await (await mentee.PutJsonAsync($"/api/programs/{programId}/roulette/me", new MyRouletteInput(true, new DateOnly(2028, 2, 1), null))).ReadAsync<MyRoulette>();
        var paused = await DrawAsync(programId, new LocalDate(2028, 1, 17));
        var person = (await (await mentee.GetAsync("/api/me")).ReadAsync<Mentoring.Features.Accounts.MeDto>()).PersonId!.Value;
        Assert.DoesNotContain(paused!.Pairings.SelectMany(p => p.Members), m => m == person);
        Assert.Contains((await DrawAsync(programId, new LocalDate(2028, 2, 7)))!.Pairings.SelectMany(p => p.Members), m => m == person);
        // Someone who only wants to meet their own department is drawn within it.
        var own = await (await mentee.PutJsonAsync($"/api/programs/{programId}/roulette/me", new MyRouletteInput(true, null, null, MeetOtherDepartments: false)))
            .ReadAsync<MyRoulette>();
        Assert.False(own.MeetOtherDepartments);
        var withinDepartment = (await DrawAsync(programId, new LocalDate(2028, 2, 14)))!.Pairings.Single(p => p.Members.Contains(person));
        await using (var db = app.OpenContext())
        {
            var departments = await db.People.Where(p => withinDepartment.Members.Contains(p.Id)).Select(p => p.Department).Distinct().ToListAsync();
            Assert.Single(departments);
        }
        await (await mentee.PutJsonAsync($"/api/programs/{programId}/roulette/me", new MyRouletteInput(false, null, null))).ReadAsync<MyRoulette>();
        Assert.DoesNotContain((await DrawAsync(programId, new LocalDate(2028, 2, 21)))!.Pairings.SelectMany(p => p.Members), m => m == person);

        // Run a round now: once a day.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync($"/api/programs/{programId}/roulette/rounds", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/programs/{programId}/roulette/rounds", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mentee.PostAsync($"/api/programs/{programId}/roulette/rounds", null)).StatusCode);
    }

    [Fact]
    public async Task Outbox_sends_the_introductions_over_smtp()
    {
        using var server = new SmtpStub();
        await using (var db = app.OpenContext())
        {
            db.Notifications.Add(new Notification { Channel = "email", Recipient = "ada@example.com", Subject = "Your virtual coffee", Body = "Hi Ada and Alan!", CreatedAt = Instant.FromUtc(2026, 1, 1, 0, 0) });
            await db.SaveChangesAsync();
        }
        var smtp = Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = MailKit.Security.SecureSocketOptions.None });
        var dispatcher = new OutboxDispatcher(app.App.Services.GetRequiredService<IServiceScopeFactory>(), SystemClock.Instance,
            app.App.Services.GetRequiredService<JobLeases>(), app.App.Services.GetRequiredService<JobMetrics>(), Options.Create(new JobsOptions()), smtp,
            Options.Create(new OutboxOptions()), Options.Create(new Mentoring.Features.Notifications.SlackOptions()),
            app.App.Services.GetRequiredService<IHttpClientFactory>(), app.App.Services.GetRequiredService<ILogger<OutboxDispatcher>>());
        // Other tests' rounds may have filled the outbox: send in passes until it is empty.
        var sent = 0;
        for (var pass = await dispatcher.SendPendingAsync(CancellationToken.None); pass > 0; pass = await dispatcher.SendPendingAsync(CancellationToken.None))
        {
            sent += pass;
        }
        Assert.True(sent >= 1);
        Assert.Contains(server.Messages, m => m.Contains("Hi Ada and Alan!", StringComparison.Ordinal) && m.Contains("ada@example.com", StringComparison.Ordinal));
        await using var check = app.OpenContext();
        Assert.NotNull((await check.Notifications.SingleAsync(n => n.Recipient == "ada@example.com")).SentAt);
        Assert.Equal(0, await dispatcher.SendPendingAsync(CancellationToken.None));
    }
}

public sealed class SqliteRouletteWorkflowTests(SqliteAppFixture app) : RouletteWorkflowTests<SqliteAppFixture>(app);

public sealed class PostgresRouletteWorkflowTests(PostgresAppFixture app) : RouletteWorkflowTests<PostgresAppFixture>(app);

/// <summary>A minimal SMTP server on loopback that accepts every message and keeps it, to test real sending.</summary>
internal sealed class SmtpStub : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();

    public SmtpStub()
    {
        listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public System.Collections.Concurrent.ConcurrentBag<string> Messages { get; } = [];

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 stub ESMTP");
        var envelope = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            var command = line.ToUpperInvariant();
            if (command.StartsWith("EHLO", StringComparison.Ordinal) || command.StartsWith("HELO", StringComparison.Ordinal))
            {
                await writer.WriteLineAsync("250 stub");
            }
            else if (command.StartsWith("MAIL", StringComparison.Ordinal) || command.StartsWith("RCPT", StringComparison.Ordinal))
            {
                envelope.AppendLine(line);
                await writer.WriteLineAsync("250 OK");
            }
            else if (command == "DATA")
            {
                await writer.WriteLineAsync("354 go on");
                var body = new StringBuilder(envelope.ToString());
                while (await reader.ReadLineAsync() is { } data && data != ".")
                {
                    body.AppendLine(data);
                }
                Messages.Add(body.ToString());
                envelope.Clear();
                await writer.WriteLineAsync("250 queued");
            }
            else if (command == "QUIT")
            {
                await writer.WriteLineAsync("221 bye");
                return;
            }
            else
            {
                await writer.WriteLineAsync("250 OK");
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }
}
