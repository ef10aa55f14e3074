using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Groups;

/// <summary>
/// The demo's group mentoring circle, a month in: the demo mentor hosts it, the demo mentee and four other
/// mentees are its members; they agreed a plan, checked in twice and took on action items, so that the
/// group's space, My mentoring and the health page show a group as well as pairs.
/// </summary>
public static class GroupDemo
{
    public const string Title = "Speaking circle";

    public static async Task SeedAsync(MentoringDbContext db, IClock clock, int programId, Person host, Person mentee, CancellationToken cancellationToken)
    {
        var others = await db.Enrollments
            .Where(e => e.ProgramId == programId && e.Role == EnrollmentRole.Mentee && e.PersonId != mentee.Id && e.PersonId != host.Id)
            .OrderBy(e => e.PersonId).Select(e => e.Person!).Take(4).ToListAsync(cancellationToken);
        if (others.Count < 4)
        {
            return;
        }
        var now = clock.GetCurrentInstant();
        var today = clock.TodayIn("Europe/London");
        var members = others.Prepend(mentee).ToList();
        var circle = new GroupActivity
        {
            ProgramId = programId, Kind = ActivityFormats.GroupMentoring, Title = Title, HostId = host.Id, Capacity = 6,
            StartTime = new LocalTime(16, 0), DurationMinutes = 60, CreatedAt = now - Duration.FromDays(30),
            Members = members.Select((p, i) => new GroupMember
            {
                PersonId = p.Id, Priority = 10 - i,
                SessionGoal = i == 0 ? "Give my five-minute talk without notes." : "",
            }).ToList(),
        };
        db.GroupActivities.Add(circle);
        await db.SaveChangesAsync(cancellationToken);

        var plan = new MentorshipPlan
        {
            GroupId = circle.Id, Version = 1, Cadence = PlanCadence.Fortnightly, Day = IsoDayOfWeek.Thursday, Time = new LocalTime(16, 0),
            TimeZone = "Europe/London", Channels = ["video", "in-person"], Norms = Mentorships.MentorshipSpaceService.SuggestedNorm,
            Confidentiality = "What a member practises or shares in the circle stays in the circle.", EndDate = today.PlusMonths(4),
            CreatedById = host.Id, CreatedAt = now - Duration.FromDays(28),
        };
        plan.Confirmations.Add(new PlanConfirmation { PersonId = host.Id, At = plan.CreatedAt });
        // Most members confirmed; one has not yet, so the space shows what that looks like.
        foreach (var member in members.Take(4))
        {
            plan.Confirmations.Add(new PlanConfirmation { PersonId = member.Id, At = plan.CreatedAt + Duration.FromDays(1) });
        }
        db.MentorshipPlans.Add(plan);
        db.CheckIns.AddRange(
            new CheckIn
            {
                GroupId = circle.Id, AuthorId = host.Id, On = today.PlusDays(-21), Met = true, Rating = 4,
                Note = "First circle: everyone gave a one-minute introduction.", CreatedAt = now - Duration.FromDays(21),
            },
            new CheckIn
            {
                GroupId = circle.Id, AuthorId = mentee.Id, On = today.PlusDays(-7), Met = true, Rating = 5,
                Note = "Practised openings; got three concrete tips.", CreatedAt = now - Duration.FromDays(7),
            });
        db.ActionItems.AddRange(
            new ActionItem { GroupId = circle.Id, OwnerId = mentee.Id, Text = "Record a two-minute run of my talk's opening", DueDate = today.PlusDays(3), CreatedAt = now - Duration.FromDays(7) },
            new ActionItem { GroupId = circle.Id, OwnerId = host.Id, Text = "Share the talk structure template", DueDate = today.PlusDays(-5), CreatedAt = now - Duration.FromDays(21), DoneAt = now - Duration.FromDays(18) },
            new ActionItem { GroupId = circle.Id, OwnerId = others[0].Id, Text = "Book a room for an in-person rehearsal", DueDate = today.PlusDays(6), CreatedAt = now - Duration.FromDays(7) });
        db.Goals.Add(new Goal
        {
            GroupId = circle.Id, Title = "Each of us gives a talk to an audience outside our team", Why = "To be heard beyond our own teams.",
            Measure = "Five talks given, with feedback asked for.", TargetDate = today.PlusMonths(3), Progress = 20, CreatedById = host.Id,
            CreatedAt = now - Duration.FromDays(28),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
