using Mentoring.Domain;
using Mentoring.Features.Notifications;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Notifications;

/// <summary>
/// Action items due, a pair's and a group's: their owner hears the day before, once, whichever instance gets
/// there first; the mentor's Monday digest lists what is due that week and what is late, of their pairs and
/// of the groups they host.
/// </summary>
public abstract class ActionItemReminderTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : SmtpClockFixture
{
    [Fact]
    public async Task The_owner_is_reminded_the_day_before_once_and_the_mentors_digest_lists_what_is_due()
    {
        int mentorshipId, groupId, memberId;
        string mentorEmail, menteeEmail, groupTitle, memberName, hostEmail;
        await using (var db = app.OpenContext())
        {
            var mentorAccount = await db.Users.SingleAsync(u => u.Email == AppFixture.EmailOfRole[Roles.Mentor]);
            // The demo's own messages (its roulette round, say) are not what this test waits for: off the queue.
            await db.Notifications.Where(n => n.Status == NotificationStatus.Pending).ExecuteUpdateAsync(u => u.SetProperty(n => n.Status, NotificationStatus.Sent));
            var pair = await db.Mentorships.Include(m => m.Mentor).Include(m => m.Mentee)
                .FirstAsync(m => m.MentorId == mentorAccount.PersonId && m.Status == MentorshipStatus.Active);
            (mentorshipId, mentorEmail, menteeEmail) = (pair.Id, pair.Mentor!.Email!, pair.Mentee!.Email!);
            var now = app.Clock!.GetCurrentInstant();
            db.ActionItems.AddRange(
                new ActionItem { MentorshipId = pair.Id, OwnerId = pair.MenteeId, Text = "Draft the talk outline", DueDate = new LocalDate(2027, 6, 8), CreatedAt = now },
                new ActionItem { MentorshipId = pair.Id, OwnerId = pair.MentorId, Text = "Share the review checklist", DueDate = new LocalDate(2027, 6, 16), CreatedAt = now },
                new ActionItem { MentorshipId = pair.Id, OwnerId = pair.MenteeId, Text = "Read the design doc", DueDate = new LocalDate(2027, 6, 8), CreatedAt = now, DoneAt = now });

            // A group the mentor hosts in the pair's (running) program, and one of a program that is over; their
            // member lives in Bengaluru (UTC+5:30), so 08:00 there is 02:30 UTC.
            var member = await db.People.OrderBy(p => p.Id)
                .FirstAsync(p => p.Id != pair.MentorId && p.Id != pair.MenteeId && p.Active && p.Email != null);
            member.TimeZone = "Asia/Kolkata";
            (memberId, memberName) = (member.Id, member.Name);
            var over = new MentoringProgram { Name = "Finished circle program", Status = ProgramStatus.Completed };
            db.Programs.Add(over);
            await db.SaveChangesAsync();
            var running = new GroupActivity
            {
                ProgramId = pair.ProgramId, Kind = ActivityFormats.GroupMentoring, Title = "Lightning talks circle", HostId = pair.MentorId, Capacity = 6,
                Members = [new GroupMember { PersonId = member.Id }],
            };
            var ended = new GroupActivity
            {
                ProgramId = over.Id, Kind = ActivityFormats.GroupMentoring, Title = "Last year's circle", HostId = pair.MentorId, Capacity = 6,
                Members = [new GroupMember { PersonId = member.Id }],
            };
            // A host with no pairs of their own, in London, whose group has a member.
            var host = await db.People.OrderBy(p => p.Id)
                .FirstAsync(p => p.Id != pair.MentorId && p.Id != pair.MenteeId && p.Id != member.Id && p.Active && p.Email != null
                    && !db.Mentorships.Any(m => m.MentorId == p.Id && m.Status == MentorshipStatus.Active));
            host.TimeZone = "Europe/London";
            hostEmail = host.Email!;
            var hostOnly = new GroupActivity
            {
                ProgramId = pair.ProgramId, Kind = ActivityFormats.GroupMentoring, Title = "New managers' circle", HostId = host.Id, Capacity = 6,
                Members = [new GroupMember { PersonId = member.Id }],
            };
            db.GroupActivities.AddRange(running, ended, hostOnly);
            await db.SaveChangesAsync();
            (groupId, groupTitle) = (running.Id, running.Title);
            db.ActionItems.AddRange(
                new ActionItem { GroupId = running.Id, OwnerId = member.Id, Text = "Rehearse the lightning talk", DueDate = new LocalDate(2027, 6, 17), CreatedAt = now },
                new ActionItem { GroupId = running.Id, OwnerId = member.Id, Text = "Book the practice room", DueDate = new LocalDate(2027, 6, 17), CreatedAt = now, DoneAt = now },
                new ActionItem { GroupId = ended.Id, OwnerId = member.Id, Text = "Send last year's slides", DueDate = new LocalDate(2027, 6, 17), CreatedAt = now });
            await db.SaveChangesAsync();
        }

        // Monday: the mentee's item is due tomorrow; the done one and the mentor's (next week) say nothing.
        // Two writers at once (two instances, besides the app's own job): one message.
        await Task.WhenAll(RunAsync(), RunAsync());
        var reminder = await app.Smtp.WaitForAsync(menteeEmail, "An action item is due tomorrow");
        Assert.Contains("Draft the talk outline", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/Mentorships/{mentorshipId}", reminder.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Draft the talk outline", reminder.Subject, StringComparison.Ordinal);

        // More runs of the job: still one message.
        await Task.Delay(2500);
        await using (var db = app.OpenContext())
        {
            var rows = await db.Notifications.AsNoTracking().Where(n => n.TemplateKey == "action-item-due").ToListAsync();
            Assert.Single(rows, n => n.Channel == "email");
            Assert.Single(app.Smtp.Messages(), m => m.Subject == reminder.Subject);
            Assert.DoesNotContain(rows, n => n.Body.Contains("Read the design doc", StringComparison.Ordinal) || n.Body.Contains("Share the review checklist", StringComparison.Ordinal));
        }

        // The next Monday, the mentor's digest lists the week's item and the late one, not the done one.
        app.Clock!.Reset(Instant.FromUtc(2027, 6, 14, 14, 0));
        // (Read from the outbox: that Monday's roulette round may keep the mail server busy a while.)
        var digest = await OutboxRowAsync(mentorEmail, "weekly-mentor", Instant.FromUtc(2027, 6, 14, 0, 0));
        Assert.Contains("Share the review checklist (you, with", digest, StringComparison.Ordinal);
        Assert.Contains("(late): Draft the talk outline", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("Read the design doc", digest, StringComparison.Ordinal);
        // The group's open item too, named by its group; not the done one, nor the one of the group that is over.
        Assert.Contains($"Rehearse the lightning talk ({memberName}, in {groupTitle})", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("Book the practice room", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("Send last year's slides", digest, StringComparison.Ordinal);
        Assert.Matches(@"You host (one group|\d+ groups)\.", digest);
        Assert.Contains($"- {groupTitle} (1 member): 0 sessions this week, next none planned", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("Last year's circle", digest, StringComparison.Ordinal);
        // A host with no pairs hears about their group, and is not told they mentor no one.
        var hostDigest = await OutboxRowAsync(hostEmail, "weekly-mentor", Instant.FromUtc(2027, 6, 14, 0, 0));
        Assert.Contains("- New managers' circle (1 member)", hostDigest, StringComparison.Ordinal);
        Assert.DoesNotContain("You mentor", hostDigest, StringComparison.Ordinal);

        // Tuesday: the mentor's item is due tomorrow.
        app.Clock.Reset(Instant.FromUtc(2027, 6, 15, 14, 0));
        var theirs = await OutboxRowAsync(mentorEmail, "action-item-due", Instant.FromUtc(2027, 6, 15, 0, 0));
        Assert.Contains("Share the review checklist", theirs, StringComparison.Ordinal);
        Assert.Empty(await GroupRemindersAsync(memberId));

        // Wednesday 07:59 in Bengaluru, the day before the group's item is due: not yet.
        app.Clock.Reset(Instant.FromUtc(2027, 6, 16, 2, 29));
        await RunAsync();
        Assert.Empty(await GroupRemindersAsync(memberId));

        // 08:00 there: the member is reminded once, with the group named and a link to its space, by two writers at once.
        app.Clock.Reset(Instant.FromUtc(2027, 6, 16, 2, 30));
        await Task.WhenAll(RunAsync(), RunAsync());
        var group = Assert.Single(await GroupRemindersAsync(memberId));
        Assert.Equal("An action item is due tomorrow", group.Subject);
        Assert.Contains("Rehearse the lightning talk", group.Body, StringComparison.Ordinal);
        Assert.Contains($"In {groupTitle}, you said", group.Body, StringComparison.Ordinal);
        Assert.Contains($"/Groups/{groupId}/Space", group.Body, StringComparison.Ordinal);

        // A second pass, later that day: still once; the done item and the one of the group that is over never.
        app.Clock.Reset(Instant.FromUtc(2027, 6, 16, 9, 0));
        await RunAsync();
        await Task.Delay(1500);
        Assert.Single(await GroupRemindersAsync(memberId));
        await using (var db = app.OpenContext())
        {
            Assert.False(await db.Notifications.AnyAsync(n => n.PersonId == memberId && (n.Body.Contains("Book the practice room") || n.Body.Contains("Send last year's slides"))));
        }
    }

    /// <summary>The e-mails of group action-item reminders written for a person.</summary>
    private async Task<List<Notification>> GroupRemindersAsync(int personId)
    {
        await using var db = app.OpenContext();
        return await db.Notifications.AsNoTracking().Where(n => n.PersonId == personId && n.Channel == "email" && n.TemplateKey == "group-action-item-due").ToListAsync();
    }

    /// <summary>The body of the e-mail written for <paramref name="to"/> from a template since a moment, once the job has written it.</summary>
    private async Task<string> OutboxRowAsync(string to, string templateKey, Instant since)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            await using (var db = app.OpenContext())
            {
                var body = await db.Notifications.AsNoTracking()
                    .Where(n => n.Channel == "email" && n.Recipient == to && n.TemplateKey == templateKey && n.CreatedAt >= since)
                    .Select(n => n.Body).FirstOrDefaultAsync();
                if (body is not null)
                {
                    return body;
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no {templateKey} message was written for {to}");
    }

    private async Task RunAsync()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationDigests>().ActionItemRemindersAsync(CancellationToken.None);
    }
}

public sealed class SqliteActionItemReminderTests(DaytimeSmtpFixture app) : ActionItemReminderTests<DaytimeSmtpFixture>(app);

public sealed class PostgresActionItemReminderTests(PostgresDaytimeSmtpFixture app) : ActionItemReminderTests<PostgresDaytimeSmtpFixture>(app);
