using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Cohorts;

/// <summary>The demo program's board on first start: a few victories (one private), kudos and the last two days' stand-ups.</summary>
public static class CohortDemo
{
    public static async Task SeedAsync(MentoringDbContext db, IClock clock, int programId, Person mentor, Person mentee, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var others = await db.Enrollments.Where(e => e.ProgramId == programId && e.PersonId != mentor.Id && e.PersonId != mentee.Id)
            .OrderBy(e => e.PersonId).Select(e => e.Person!).Take(6).ToListAsync(cancellationToken);
        if (others.Count < 6)
        {
            return;
        }
        Instant Ago(int hours) => now - Duration.FromHours(hours);
        LocalDate Day(Person p, int daysAgo) => Today.Of(now, p.Office?.TimeZone).PlusDays(-daysAgo);

        var victories = new[]
        {
            new Victory { ProgramId = programId, AuthorId = mentee.Id, Text = "Presented our release to the whole department, my first time on stage. Nobody noticed my hands shaking.", Visibility = VictoryVisibility.Public, CreatedAt = Ago(30) },
            new Victory { ProgramId = programId, AuthorId = others[0].Id, Text = "Closed my first customer escalation on my own, start to finish.", Visibility = VictoryVisibility.Public, CreatedAt = Ago(52) },
            new Victory { ProgramId = programId, AuthorId = mentor.Id, Text = "Two of my mentees now run the weekly design review without me.", Visibility = VictoryVisibility.Public, CreatedAt = Ago(75) },
            new Victory
            {
                ProgramId = programId, AuthorId = mentee.Id, Text = "Asked my manager for the promotion conversation. We have a date.", Visibility = VictoryVisibility.Private,
                CreatedAt = Ago(6), Shares = [new VictoryShare { PersonId = mentor.Id }],
            },
        };
        db.Victories.AddRange(victories);
        var kudos = new (Person From, Person To, string Text, int Hours)[]
        {
            (mentee, mentor, "For patient feedback on my slides and for making time on a busy office day.", 28),
            (others[1], others[2], "For pairing with me on the flaky tests: patient, clear and generous with your time.", 40),
            (others[3], mentee, "For the clear release notes, the whole support team used them.", 44),
            (others[2], others[4], "For the warm welcome and the office tour in my first week.", 60),
            (mentor, others[5], "For clear feedback on the hiring plan, and for asking the hard questions.", 80),
            (others[4], others[1], "For patient mentoring on SQL; my first report shipped.", 90),
        };
        db.Kudos.AddRange(kudos.Select(k => new Kudos { ProgramId = programId, FromId = k.From.Id, ToId = k.To.Id, Text = k.Text, CreatedAt = Ago(k.Hours) }));
        var standups = new[]
        {
            new Standup { ProgramId = programId, AuthorId = mentee.Id, On = Day(mentee, 0), CreatedAt = Ago(2), Did = "Wrote the first draft of my goals for the quarter.", Next = "Review them with my mentor on Thursday.", Stuck = "Not sure how ambitious the second goal should be." },
            new Standup { ProgramId = programId, AuthorId = others[0].Id, On = Day(others[0], 0), CreatedAt = Ago(3), Did = "Shadowed two support calls.", Next = "Take a call myself with a senior listening in.", Stuck = "" },
            new Standup { ProgramId = programId, AuthorId = others[1].Id, On = Day(others[1], 1), CreatedAt = Ago(26), Did = "Read the onboarding guide for the data platform.", Next = "Set up my local environment.", Stuck = "Waiting for database access." },
        };
        db.Standups.AddRange(standups);
        await db.SaveChangesAsync(cancellationToken);
        db.StandupReplies.Add(new StandupReply { StandupId = standups[0].Id, AuthorId = mentor.Id, Text = "Aim high on the second one; we can cut it down together.", CreatedAt = Ago(1) });
        db.Reactions.AddRange(
            new Reaction { Target = ReactionTarget.Victory, TargetId = victories[0].Id, PersonId = mentor.Id, Kind = ReactionKind.Clap, CreatedAt = Ago(29) },
            new Reaction { Target = ReactionTarget.Victory, TargetId = victories[0].Id, PersonId = others[0].Id, Kind = ReactionKind.Party, CreatedAt = Ago(28) },
            new Reaction { Target = ReactionTarget.Victory, TargetId = victories[3].Id, PersonId = mentor.Id, Kind = ReactionKind.Heart, CreatedAt = Ago(5) });
        await db.SaveChangesAsync(cancellationToken);
    }
}
