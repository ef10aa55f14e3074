using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Mentorships;

/// <summary>
/// The demo's pairs in the middle of their mentorships: the first cohort was matched five weeks
/// ago; pairs made plans, set goals and checked in, some steadily, some that went quiet, so the
/// pair's space and the program health page have something real to show.
/// </summary>
public static class DemoPairs
{
    public static async Task SeedAsync(MentoringDbContext db, IClock clock, int programId, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var today = clock.TodayIn("Europe/London");
        var mentorships = await db.Mentorships.Where(m => m.ProgramId == programId && m.Status == MentorshipStatus.Active)
            .OrderBy(m => m.Id).Take(24).ToListAsync(cancellationToken);
        for (var i = 0; i < mentorships.Count; i++)
        {
            var m = mentorships[i];
            m.CreatedAt = now.Minus(Duration.FromDays(35));
            var plan = new MentorshipPlan
            {
                MentorshipId = m.Id, Version = 1, Cadence = i % 6 == 5 ? PlanCadence.Fortnightly : PlanCadence.Weekly, Day = IsoDayOfWeek.Tuesday,
                Time = new LocalTime(10, 0), TimeZone = "Europe/London", Channels = ["video", "in-person"], Norms = MentorshipSpaceService.SuggestedNorm,
                Confidentiality = "What we say stays between us unless we agree otherwise.", EndDate = today.PlusMonths(5), CreatedById = m.MenteeId,
                CreatedAt = now.Minus(Duration.FromDays(33)),
            };
            plan.Confirmations.Add(new PlanConfirmation { PersonId = m.MenteeId, At = plan.CreatedAt });
            if (i % 5 != 4)
            {
                plan.Confirmations.Add(new PlanConfirmation { PersonId = m.MentorId, At = plan.CreatedAt.Plus(Duration.FromDays(1)) });
            }
            db.MentorshipPlans.Add(plan);
            // Steady pairs checked in a few days ago; some stopped ten days ago (needs a check-in), some three weeks ago (at risk).
            var stoppedDaysAgo = (i % 4) switch { 1 => 10, 2 => 24, _ => 3 };
            for (var daysAgo = 31; daysAgo >= stoppedDaysAgo; daysAgo -= 7)
            {
                db.CheckIns.Add(new CheckIn
                {
                    MentorshipId = m.Id, AuthorId = daysAgo % 2 == 0 ? m.MenteeId : m.MentorId, On = today.PlusDays(-daysAgo), Met = true,
                    Rating = 3 + (i + daysAgo) % 3, Note = daysAgo > 20 ? "Agreed our plan and first goal." : "Went through the milestones.",
                    CreatedAt = now.Minus(Duration.FromDays(daysAgo)),
                });
            }
            if (i % 3 != 2)
            {
                var goal = new Goal
                {
                    MentorshipId = m.Id, Title = i % 2 == 0 ? "Present our team's work at the quarterly review" : "Lead a design review on my own",
                    Why = "To be seen and heard beyond my team.", Measure = "I have done it once and asked for feedback.", TargetDate = today.PlusMonths(3),
                    ProgressFromMilestones = true, CreatedById = m.MenteeId, CreatedAt = now.Minus(Duration.FromDays(30)),
                    Milestones =
                    [
                        new Milestone { Title = "Outline the talk", DueDate = today.PlusDays(-14), DoneAt = now.Minus(Duration.FromDays(15)) },
                        new Milestone { Title = "Rehearse with my mentor", DueDate = today.PlusDays(14), DoneAt = i % 4 == 0 ? now.Minus(Duration.FromDays(2)) : null },
                        new Milestone { Title = "Give it", DueDate = today.PlusMonths(2) },
                    ],
                };
                db.Goals.Add(goal);
                if (i % 6 == 0)
                {
                    db.Goals.Add(new Goal
                    {
                        MentorshipId = m.Id, Title = "Understand how the budget is made", Why = "To argue for my team's projects.", Status = GoalStatus.Done,
                        Progress = 100, CreatedById = m.MenteeId, CreatedAt = now.Minus(Duration.FromDays(30)), CompletedAt = now.Minus(Duration.FromDays(6)),
                    });
                }
            }
            db.Reflections.Add(new Reflection
            {
                MentorshipId = m.Id, AuthorId = m.MenteeId, Stage = ReflectionStage.Start, Visibility = NoteVisibility.Shared, CreatedAt = now.Minus(Duration.FromDays(33)),
                Text = "Where we started: I know my craft but rarely speak up outside my team.",
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
