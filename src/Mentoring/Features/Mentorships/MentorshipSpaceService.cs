using System.Globalization;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Notifications;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Features.Mentorships;

/// <summary>
/// A shared space: plan, goals and milestones, sessions, notes, reflections, check-ins, action items,
/// and for a pair the fit check and close-out. A mentorship's space is its mentor's and mentee's; a
/// group cohort's is its host's and members'. Anyone else gets "not found", the admin too, and a
/// private item is shown to its author only.
/// </summary>
public sealed class MentorshipSpaceService(MentoringDbContext db, IClock clock, Outbox outbox, SiteAddress site)
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>The norm the demo (and a new plan's form) suggests.</summary>
    public const string SuggestedNorm = "No need to apologise for interruptions from children or pets.";

    private async Task<Mentorship?> PairAsync(int mentorshipId, int personId, CancellationToken cancellationToken) =>
        await db.Mentorships.Include(m => m.Program).Include(m => m.Mentor).ThenInclude(p => p!.Office).Include(m => m.Mentee).ThenInclude(p => p!.Office)
            .AsSplitQuery().SingleOrDefaultAsync(m => m.Id == mentorshipId && (m.MentorId == personId || m.MenteeId == personId), cancellationToken);

    /// <summary>
    /// The space the caller is a member of: a mentorship's (its mentor and mentee) or a group's (its
    /// host and members); null for anyone else, the admin too.
    /// </summary>
    private async Task<Space?> SpaceOfAsync(SpaceKey key, int personId, CancellationToken cancellationToken)
    {
        if (key.GroupId is not { } groupId)
        {
            return await PairAsync(key.MentorshipId!.Value, personId, cancellationToken) is { } m
                ? new Space(key, m.ProgramId, m.Program?.Name ?? "", m.Status == MentorshipStatus.Active, m.Mentor!, [m.Mentor!, m.Mentee!], m.Mentee!, m.CreatedAt,
                    $"{m.Mentor!.Name} and {m.Mentee!.Name}", null)
                : null;
        }
        var group = await db.GroupActivities.AsNoTracking().Include(g => g.Host).ThenInclude(p => p!.Office).Include(g => g.Members).ThenInclude(x => x.Person).ThenInclude(p => p!.Office)
            .AsSplitQuery().SingleOrDefaultAsync(g => g.Id == groupId && (g.HostId == personId || g.Members.Any(x => x.PersonId == personId)), cancellationToken);
        if (group is null)
        {
            return null;
        }
        var programName = await db.Programs.Where(p => p.Id == group.ProgramId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        var members = new[] { group.Host! }.Concat(group.Members.Select(x => x.Person!).Where(x => x.Id != group.HostId).OrderBy(x => x.Name, StringComparer.Ordinal)).ToList();
        // A group has no end of its own: its space stays open while the group exists.
        return new Space(key, group.ProgramId, programName, true, group.Host!, members, group.Host!, group.CreatedAt, group.Title, group);
    }

    /// <summary>The space, for a change: it must still be open.</summary>
    private async Task<Outcome<Space>> ActiveSpaceAsync(SpaceKey key, int personId, CancellationToken cancellationToken)
    {
        var space = await SpaceOfAsync(key, personId, cancellationToken);
        if (space is null)
        {
            return Outcome.NotFound();
        }
        if (!space.Active)
        {
            return Outcome.Invalid("mentorshipId", "this mentorship has ended; what was achieved stays visible, but nothing more can be added");
        }
        return space;
    }

    /// <summary>The pair, for a change: it must still be active.</summary>
    private async Task<Outcome<Mentorship>> ActivePairAsync(int mentorshipId, int personId, CancellationToken cancellationToken)
    {
        var m = await PairAsync(mentorshipId, personId, cancellationToken);
        if (m is null)
        {
            return Outcome.NotFound();
        }
        if (m.Status != MentorshipStatus.Active)
        {
            return Outcome.Invalid("mentorshipId", "this mentorship has ended; what was achieved stays visible, but nothing more can be added");
        }
        return m;
    }

    private static SpacePerson Who(Person p) => new(p.Id, p.Name, HealthQueries.ZoneOf(p));

    private static DateTimeOffset At(Instant i) => i.ToDateTimeOffset();

    public async Task<Outcome<SpaceDto>> SpaceAsync(int mentorshipId, int personId, CancellationToken cancellationToken)
    {
        if (await PairAsync(mentorshipId, personId, cancellationToken) is not { } m)
        {
            return Outcome.NotFound();
        }
        var iAmMentor = m.MentorId == personId;
        var zone = HealthQueries.ZoneOf(m.Mentee!);
        return new SpaceDto(m.Id, m.ProgramId, m.Program?.Name ?? "", m.Status, iAmMentor ? "mentor" : "mentee", Who(iAmMentor ? m.Mentor! : m.Mentee!),
            Who(iAmMentor ? m.Mentee! : m.Mentor!), Who(m.Mentor!), Who(m.Mentee!), Today.Of(m.CreatedAt, zone).ToDateOnly(),
            m.EndedAt is { } ended ? Today.Of(ended, zone).ToDateOnly() : null, m.CloseReason, m.ClosedById);
    }

    public async Task<Outcome<GroupSpaceDto>> GroupSpaceAsync(int groupId, int personId, CancellationToken cancellationToken)
    {
        if (await SpaceOfAsync(SpaceKey.Group(groupId), personId, cancellationToken) is not { Group: { } group } space)
        {
            return Outcome.NotFound();
        }
        return new GroupSpaceDto(group.Id, group.ProgramId, space.ProgramName, group.Kind, group.Title, group.HostId == personId ? "host" : "member",
            Who(space.Me(personId)), Who(space.Host), space.Members.Select(Who).ToList(), Today.Of(group.CreatedAt, HealthQueries.ZoneOf(space.Host)).ToDateOnly());
    }

    // ---- Plan ----

    public async Task<Outcome<PlanDto>> PlanAsync(SpaceKey space, int personId, CancellationToken cancellationToken)
    {
        if (await SpaceOfAsync(space, personId, cancellationToken) is not { } m)
        {
            return Outcome.NotFound();
        }
        var versions = await db.MentorshipPlans.AsNoTracking().Include(p => p.Confirmations).In(space)
            .OrderByDescending(p => p.Version).ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return Outcome.NotFound();
        }
        return ToDto(m, versions);
    }

    private static PlanDto ToDto(Space m, List<MentorshipPlan> versions)
    {
        var plan = versions[0];
        var confirmed = plan.Confirmations.Select(c => c.PersonId).Distinct().ToList();
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(plan.TimeZone) ?? DateTimeZone.Utc;
        // The plan's next occurrence, shown in each person's zone (a Tuesday 10:00 in London can be a Tuesday 05:00 in New York).
        var reference = new LocalDate(2026, 1, 5).With(DateAdjusters.NextOrSame(plan.Day)).At(plan.Time).InZoneLeniently(zone).ToInstant();
        var inEachZone = m.Members.Select(p =>
        {
            var local = reference.InZone(Today.Zone(HealthQueries.ZoneOf(p))).LocalDateTime;
            return new PlanTimeDto(p.Id, p.Name, HealthQueries.ZoneOf(p), local.DayOfWeek, TimePattern.Format(local.TimeOfDay));
        }).ToList();
        return new PlanDto(plan.Id, plan.MentorshipId, plan.Version, plan.Cadence, plan.Day, TimePattern.Format(plan.Time), plan.TimeZone, plan.Channels,
            plan.Norms, plan.Confidentiality, plan.EndDate?.ToDateOnly(), plan.CreatedById, At(plan.CreatedAt), confirmed,
            m.Members.All(p => confirmed.Contains(p.Id)), inEachZone,
            versions.Select(v => new PlanVersionDto(v.Version, v.Cadence, v.Day, TimePattern.Format(v.Time), v.TimeZone, v.Channels, v.Norms,
                v.Confidentiality, v.EndDate?.ToDateOnly(), v.CreatedById, At(v.CreatedAt), v.Confirmations.Select(c => c.PersonId).Distinct().ToList())).ToList(), plan.GroupId);
    }

    /// <summary>Makes the plan, or a new version of it when it changes; both people confirm each version.</summary>
    public async Task<Outcome<PlanDto>> SetPlanAsync(SpaceKey space, int personId, PlanInput input, CancellationToken cancellationToken)
    {
        var pair = await ActiveSpaceAsync(space, personId, cancellationToken);
        if (pair.Value is not { } m)
        {
            return pair.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(pair.Errors);
        }
        if (input.Cadence is not { } cadence)
        {
            return Outcome.Invalid("cadence", "say how often you check in: weekly, fortnightly or monthly");
        }
        if (!Enum.TryParse<IsoDayOfWeek>(input.Day?.Trim(), ignoreCase: true, out var day) || day == IsoDayOfWeek.None || int.TryParse(input.Day, out _))
        {
            return Outcome.Invalid("day", "the day must be a day of the week, such as Tuesday");
        }
        if (TimePattern.Parse(input.Time?.Trim() ?? "") is not { Success: true } time)
        {
            return Outcome.Invalid("time", "the time must be HH:mm, such as 10:00");
        }
        var me = m.Me(personId);
        var zone = string.IsNullOrWhiteSpace(input.TimeZone) ? HealthQueries.ZoneOf(me) : input.TimeZone.Trim();
        if (Problems.Zone(zone) is null)
        {
            return Outcome.Invalid("timeZone", "the time zone must be an IANA zone, such as Europe/London");
        }
        var channels = (input.Channels ?? []).Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        if (channels.Count == 0)
        {
            return Outcome.Invalid("channels", "name at least one channel: " + string.Join(", ", PlanChannels.All));
        }
        if (channels.FirstOrDefault(c => !PlanChannels.All.Contains(c)) is { } unknown)
        {
            return Outcome.Invalid("channels", $"\"{unknown}\" is not a channel; use {string.Join(", ", PlanChannels.All)}");
        }
        if ((input.Norms?.Length ?? 0) > 4000)
        {
            return Outcome.Invalid("norms", "the norms may be at most 4,000 characters");
        }
        if ((input.Confidentiality?.Length ?? 0) > 4000)
        {
            return Outcome.Invalid("confidentiality", "the confidentiality agreement may be at most 4,000 characters");
        }
        var started = Today.Of(m.CreatedAt, HealthQueries.ZoneOf(m.Reference));
        if (input.EndDate is { } end && LocalDate.FromDateOnly(end) <= started)
        {
            return Outcome.Invalid("endDate", "the end date must be after the mentorship started");
        }
        var latest = await db.MentorshipPlans.In(space).OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        var plan = new MentorshipPlan
        {
            MentorshipId = space.MentorshipId, GroupId = space.GroupId, Version = (latest?.Version ?? 0) + 1, Cadence = cadence, Day = day, Time = time.Value, TimeZone = zone,
            Channels = channels, Norms = input.Norms?.Trim() ?? "", Confidentiality = input.Confidentiality?.Trim() ?? "",
            EndDate = input.EndDate is { } e ? LocalDate.FromDateOnly(e) : null, CreatedById = personId, CreatedAt = clock.GetCurrentInstant(),
        };
        var same = latest is not null && latest.Cadence == plan.Cadence && latest.Day == plan.Day && latest.Time == plan.Time && latest.TimeZone == plan.TimeZone
            && latest.Channels.SequenceEqual(plan.Channels) && latest.Norms == plan.Norms && latest.Confidentiality == plan.Confidentiality && latest.EndDate == plan.EndDate;
        if (!same)
        {
            // A change is a new version: the old one and who confirmed it stay visible.
            db.MentorshipPlans.Add(plan);
            await db.SaveChangesAsync(cancellationToken);
        }
        return await PlanAsync(space, personId, cancellationToken);
    }

    public async Task<Outcome<PlanDto>> ConfirmPlanAsync(SpaceKey space, int personId, CancellationToken cancellationToken)
    {
        var pair = await ActiveSpaceAsync(space, personId, cancellationToken);
        if (!pair.Succeeded)
        {
            return pair.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(pair.Errors);
        }
        var plan = await db.MentorshipPlans.Include(p => p.Confirmations).In(space)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return Outcome.Invalid("plan", "there is no plan to confirm yet; make one first");
        }
        if (plan.Confirmations.All(c => c.PersonId != personId))
        {
            plan.Confirmations.Add(new PlanConfirmation { PersonId = personId, At = clock.GetCurrentInstant() });
            await db.SaveChangesAsync(cancellationToken);
        }
        return await PlanAsync(space, personId, cancellationToken);
    }

    // ---- Goals ----

    public async Task<Outcome<List<GoalDto>>> GoalsAsync(SpaceKey space, int personId, CancellationToken cancellationToken)
    {
        if (await SpaceOfAsync(space, personId, cancellationToken) is null)
        {
            return Outcome.NotFound();
        }
        var goals = await db.Goals.AsNoTracking().Include(g => g.Milestones).In(space).OrderBy(g => g.Id).ToListAsync(cancellationToken);
        return goals.Select(ToDto).ToList();
    }

    private static GoalDto ToDto(Goal g) => new(
        g.Id, g.MentorshipId, g.Title, g.Why, g.Measure, g.TargetDate?.ToDateOnly(), g.Status, g.ShownProgress, g.ProgressFromMilestones, g.CreatedById,
        At(g.CreatedAt), g.CompletedAt is { } c ? At(c) : null,
        g.Milestones.OrderBy(x => x.DueDate).ThenBy(x => x.Id)
            .Select(x => new MilestoneDto(x.Id, x.GoalId, x.Title, x.DueDate?.ToDateOnly(), x.DoneAt is not null, x.DoneAt is { } d ? At(d) : null)).ToList(), g.GroupId);

    private static Outcome<Done> Text(string field, string? text, int max, string what, bool required = true)
    {
        if (required && string.IsNullOrWhiteSpace(text))
        {
            return Outcome.Invalid(field, $"write {what}");
        }
        if ((text?.Trim().Length ?? 0) > max)
        {
            return Outcome.Invalid(field, $"{what} may be at most {max.ToString("N0", CultureInfo.InvariantCulture)} characters");
        }
        return Outcome.Done();
    }

    public async Task<Outcome<GoalDto>> AddGoalAsync(SpaceKey space, int personId, GoalInput input, CancellationToken cancellationToken)
    {
        var pair = await ActiveSpaceAsync(space, personId, cancellationToken);
        if (!pair.Succeeded)
        {
            return pair.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(pair.Errors);
        }
        foreach (var check in new[] { Text("title", input.Title, 300, "the goal"), Text("why", input.Why, 2000, "why it matters", false), Text("measure", input.Measure, 2000, "how you will know", false) })
        {
            if (!check.Succeeded)
            {
                return Outcome.Invalid(check.Errors);
            }
        }
        var goal = new Goal
        {
            MentorshipId = space.MentorshipId, GroupId = space.GroupId, Title = input.Title!.Trim(), Why = input.Why?.Trim() ?? "", Measure = input.Measure?.Trim() ?? "",
            TargetDate = input.TargetDate is { } t ? LocalDate.FromDateOnly(t) : null, ProgressFromMilestones = input.ProgressFromMilestones ?? false,
            CreatedById = personId, CreatedAt = clock.GetCurrentInstant(),
        };
        db.Goals.Add(goal);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(goal);
    }

    private async Task<Outcome<Goal>> GoalOfPairAsync(int goalId, int personId, CancellationToken cancellationToken)
    {
        var goal = await db.Goals.Include(g => g.Milestones).SingleOrDefaultAsync(g => g.Id == goalId, cancellationToken);
        if (goal is null)
        {
            return Outcome.NotFound();
        }
        var pair = await ActiveSpaceAsync(SpaceKey.Of(goal), personId, cancellationToken);
        return pair.Succeeded ? goal : pair.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(pair.Errors);
    }

    public async Task<Outcome<GoalDto>> UpdateGoalAsync(int goalId, int personId, GoalUpdate input, CancellationToken cancellationToken)
    {
        var found = await GoalOfPairAsync(goalId, personId, cancellationToken);
        if (found.Value is not { } goal)
        {
            return found.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(found.Errors);
        }
        if (input.Progress is < 0 or > 100)
        {
            return Outcome.Invalid("progress", "progress must be from 0 to 100");
        }
        if (input.Title is not null && Text("title", input.Title, 300, "the goal") is { Succeeded: false } badTitle)
        {
            return Outcome.Invalid(badTitle.Errors);
        }
        if (Text("why", input.Why, 2000, "why it matters", false) is { Succeeded: false } badWhy)
        {
            return Outcome.Invalid(badWhy.Errors);
        }
        if (Text("measure", input.Measure, 2000, "how you will know", false) is { Succeeded: false } badMeasure)
        {
            return Outcome.Invalid(badMeasure.Errors);
        }
        goal.Title = input.Title?.Trim() ?? goal.Title;
        goal.Why = input.Why?.Trim() ?? goal.Why;
        goal.Measure = input.Measure?.Trim() ?? goal.Measure;
        if (input.TargetDate is { } target)
        {
            goal.TargetDate = LocalDate.FromDateOnly(target);
        }
        goal.Progress = input.Progress ?? goal.Progress;
        goal.ProgressFromMilestones = input.ProgressFromMilestones ?? goal.ProgressFromMilestones;
        if (input.Status is { } status && status != goal.Status)
        {
            goal.Status = status;
            goal.CompletedAt = status == GoalStatus.Done ? clock.GetCurrentInstant() : null;
            if (status == GoalStatus.Done)
            {
                goal.Progress = 100;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(goal);
    }

    public async Task<Outcome<GoalDto>> AddMilestoneAsync(int goalId, int personId, MilestoneInput input, CancellationToken cancellationToken)
    {
        var found = await GoalOfPairAsync(goalId, personId, cancellationToken);
        if (found.Value is not { } goal)
        {
            return found.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(found.Errors);
        }
        if (Text("title", input.Title, 300, "the milestone") is { Succeeded: false } bad)
        {
            return Outcome.Invalid(bad.Errors);
        }
        goal.Milestones.Add(new Milestone { Title = input.Title!.Trim(), DueDate = input.DueDate is { } d ? LocalDate.FromDateOnly(d) : null });
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(goal);
    }

    public async Task<Outcome<GoalDto>> MilestoneDoneAsync(int milestoneId, int personId, bool done, CancellationToken cancellationToken)
    {
        var milestone = await db.Milestones.AsNoTracking().SingleOrDefaultAsync(m => m.Id == milestoneId, cancellationToken);
        if (milestone is null)
        {
            return Outcome.NotFound();
        }
        var found = await GoalOfPairAsync(milestone.GoalId, personId, cancellationToken);
        if (found.Value is not { } goal)
        {
            return found.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(found.Errors);
        }
        var tracked = goal.Milestones.Single(m => m.Id == milestoneId);
        tracked.DoneAt = done ? tracked.DoneAt ?? clock.GetCurrentInstant() : null;
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(goal);
    }

    // ---- Sessions ----

    public async Task<Outcome<List<SpaceSessionDto>>> SessionsAsync(SpaceKey space, int personId, CancellationToken cancellationToken)
    {
        if (await SpaceOfAsync(space, personId, cancellationToken) is not { } found)
        {
            return Outcome.NotFound();
        }
        var sessions = await SessionsOf(space).AsNoTracking().Where(s => s.Status != SessionStatus.Cancelled)
            .OrderByDescending(s => s.Start).ToListAsync(cancellationToken);
        var ids = sessions.Select(s => s.Id).ToList();
        var ratings = await db.SessionRatings.AsNoTracking().Where(r => ids.Contains(r.SessionId)).ToListAsync(cancellationToken);
        // Only the caller's own private notes: never the other person's.
        var mine = await db.MentorshipNotes.AsNoTracking().In(space)
            .Where(n => n.SessionId != null && n.AuthorId == personId && n.Visibility == NoteVisibility.Private)
            .OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var names = found.Names;
        return sessions.Select(s => new SpaceSessionDto(
            s.Id, s.Date.ToDateOnly(), At(s.Start), s.Kind, s.InPerson ? SessionMode.InPerson : SessionMode.Virtual, s.Title, s.LoggedById is not null,
            s.Agenda, s.SharedNotes, ratings.FirstOrDefault(r => r.SessionId == s.Id && r.PersonId == personId)?.Rating, ratings.Count(r => r.SessionId == s.Id),
            mine.Where(n => n.SessionId == s.Id).Select(n => Note(n, names)).ToList())).ToList();
    }

    /// <summary>The sessions of a space: the pair's, or the group's.</summary>
    private IQueryable<ScheduledSession> SessionsOf(SpaceKey space) => space.GroupId is { } groupId
        ? db.Sessions.Where(s => s.GroupActivityId == groupId && s.MentorshipId == null)
        : db.Sessions.Where(s => s.MentorshipId == space.MentorshipId);

    private static NoteDto Note(MentorshipNote n, Dictionary<int, string> names) =>
        new(n.Id, n.SessionId, n.AuthorId, names.GetValueOrDefault(n.AuthorId) ?? "", n.Text, n.Visibility, At(n.CreatedAt));

    /// <summary>One of the pair logs a session that happened: the mentor hosts it, the mentee attended.</summary>
    public async Task<Outcome<SpaceSessionDto>> LogSessionAsync(SpaceKey space, int personId, LogSessionInput input, CancellationToken cancellationToken)
    {
        var pair = await ActiveSpaceAsync(space, personId, cancellationToken);
        if (pair.Value is not { } m)
        {
            return pair.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(pair.Errors);
        }
        if (input.On is not { } onDate)
        {
            return Outcome.Invalid("on", "say on which day the session was (yyyy-MM-dd)");
        }
        if (input.Mode is not { } mode)
        {
            return Outcome.Invalid("mode", "say whether you met in-person or virtual");
        }
        var me = m.Me(personId);
        var zone = Today.Zone(HealthQueries.ZoneOf(me));
        var on = LocalDate.FromDateOnly(onDate);
        if (on > clock.TodayIn(zone).PlusDays(1))
        {
            return Outcome.Invalid("on", "a logged session is one that happened: the day cannot be in the future");
        }
        var time = new LocalTime(12, 0);
        if (input.Time is { Length: > 0 } t)
        {
            if (TimePattern.Parse(t.Trim()) is not { Success: true } parsed)
            {
                return Outcome.Invalid("time", "the time must be HH:mm, such as 12:30");
            }
            time = parsed.Value;
        }
        if (input.Minutes is < 5 or > 480)
        {
            return Outcome.Invalid("minutes", "a session lasts from 5 to 480 minutes");
        }
        foreach (var check in new[]
                 {
                     Text("title", input.Title, 300, "the title", false), Text("agenda", input.Agenda, 4000, "the agenda", false),
                     Text("sharedNotes", input.SharedNotes, 8000, "the shared notes", false), Text("privateNotes", input.PrivateNotes, 8000, "your private notes", false),
                 })
        {
            if (!check.Succeeded)
            {
                return Outcome.Invalid(check.Errors);
            }
        }
        var now = clock.GetCurrentInstant();
        var start = on.At(time).InZoneLeniently(zone).ToInstant();
        var session = new ScheduledSession
        {
            ProgramId = m.ProgramId, MentorshipId = space.MentorshipId, GroupActivityId = space.GroupId, Kind = m.SessionKind(mode),
            Title = string.IsNullOrWhiteSpace(input.Title) ? m.Title : input.Title.Trim(),
            HostId = m.Host.Id, Date = on, Slot = time.Hour < 12 ? DaySlot.Morning : time.Hour < 14 ? DaySlot.Lunch : DaySlot.Afternoon,
            Start = start, End = start.Plus(Duration.FromMinutes(input.Minutes ?? 60)), TimeZone = zone.Id, Status = SessionStatus.Accepted,
            Uid = $"logged-{Guid.NewGuid():N}@mentoring", CreatedAt = now, LoggedById = personId, LoggedAt = now,
            Agenda = Blank(input.Agenda), SharedNotes = Blank(input.SharedNotes),
            Attendees = m.Members.Where(p => p.Id != m.Host.Id).Select(p => new SessionAttendee { PersonId = p.Id, Response = AttendeeResponse.Accepted, RespondedAt = now }).ToList(),
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        if (Blank(input.PrivateNotes) is { } privateNotes)
        {
            db.MentorshipNotes.Add(new MentorshipNote
            {
                MentorshipId = space.MentorshipId, GroupId = space.GroupId, SessionId = session.Id, AuthorId = personId, Text = privateNotes, Visibility = NoteVisibility.Private, CreatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        return (await SessionsAsync(space, personId, cancellationToken)).Map(all => all.Single(s => s.Id == session.Id));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<Outcome<ScheduledSession>> SessionOfPairAsync(int sessionId, int personId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId && (s.MentorshipId != null || s.GroupActivityId != null), cancellationToken);
        if (session is null)
        {
            return Outcome.NotFound();
        }
        var pair = await ActiveSpaceAsync(SpaceKey.Of(session), personId, cancellationToken);
        return pair.Succeeded ? session : pair.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(pair.Errors);
    }

    public async Task<Outcome<SpaceSessionDto>> SetSessionNotesAsync(int sessionId, int personId, SessionNotesInput input, CancellationToken cancellationToken)
    {
        var found = await SessionOfPairAsync(sessionId, personId, cancellationToken);
        if (found.Value is not { } session)
        {
            return found.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(found.Errors);
        }
        foreach (var check in new[] { Text("agenda", input.Agenda, 4000, "the agenda", false), Text("sharedNotes", input.SharedNotes, 8000, "the shared notes", false) })
        {
            if (!check.Succeeded)
            {
                return Outcome.Invalid(check.Errors);
            }
        }
        if (input.Agenda is not null)
        {
            session.Agenda = Blank(input.Agenda);
        }
        if (input.SharedNotes is not null)
        {
            session.SharedNotes = Blank(input.SharedNotes);
        }
        await db.SaveChangesAsync(cancellationToken);
        return (await SessionsAsync(SpaceKey.Of(session), personId, cancellationToken)).Map(all => all.Single(s => s.Id == sessionId));
    }

    /// <summary>The one-click rating: one per session and person, changed by rating again.</summary>
    public async Task<Outcome<SpaceSessionDto>> RateAsync(int sessionId, int personId, RatingInput input, CancellationToken cancellationToken)
    {
        var found = await SessionOfPairAsync(sessionId, personId, cancellationToken);
        if (found.Value is not { } session)
        {
            return found.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(found.Errors);
        }
        if (input.Rating is not (>= 1 and <= 5) || input.Rating is not { } rating)
        {
            return Outcome.Invalid("rating", "the rating must be from 1 to 5");
        }
        var existing = await db.SessionRatings.SingleOrDefaultAsync(r => r.SessionId == sessionId && r.PersonId == personId, cancellationToken);
        if (existing is null)
        {
            db.SessionRatings.Add(new SessionRating { SessionId = sessionId, PersonId = personId, Rating = rating, At = clock.GetCurrentInstant() });
        }
        else
        {
            existing.Rating = rating;
            existing.At = clock.GetCurrentInstant();
        }
        await db.SaveChangesAsync(cancellationToken);
        return (await SessionsAsync(SpaceKey.Of(session), personId, cancellationToken)).Map(all => all.Single(s => s.Id == sessionId));
    }

    // ---- Notes and reflections ----

    /// <summary>The shared notes of the pair and the caller's own private ones; never the other person's private notes.</summary>
    public async Task<Outcome<List<NoteDto>>> NotesAsync(SpaceKey space, int personId, CancellationToken cancellationToken)
    {
        if (await SpaceOfAsync(space, personId, cancellationToken) is not { } found)
        {
            return Outcome.NotFound();
        }
        var names = found.Names;
        return (await db.MentorshipNotes.AsNoTracking().In(space)
                .Where(n => (n.Visibility == NoteVisibility.Shared || n.AuthorId == personId))
                .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToListAsync(cancellationToken))
            .Select(n => Note(n, names)).ToList();
    }

    public async Task<Outcome<NoteDto>> AddNoteAsync(SpaceKey space, int personId, NoteInput input, CancellationToken cancellationToken)
    {
        var pair = await ActiveSpaceAsync(space, personId, cancellationToken);
        if (!pair.Succeeded)
        {
            return pair.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(pair.Errors);
        }
        if (Text("text", input.Text, 8000, "the note") is { Succeeded: false } bad)
        {
            return Outcome.Invalid(bad.Errors);
        }
        if (input.Visibility is not { } visibility)
        {
            return Outcome.Invalid("visibility", "say who reads the note: private (you only) or shared (the two of you)");
        }
        if (input.SessionId is { } sessionId && !await SessionsOf(space).AnyAsync(s => s.Id == sessionId, cancellationToken))
        {
            return Outcome.Invalid("sessionId", $"that session is not one of this {space.What}");
        }
        var note = new MentorshipNote
        {
            MentorshipId = space.MentorshipId, GroupId = space.GroupId, SessionId = input.SessionId, AuthorId = personId, Text = input.Text!.Trim(), Visibility = visibility,
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.MentorshipNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return Note(note, pair.Value!.Names);
    }

    /// <summary>The reflections as one story, start to end: the shared ones and the caller's private ones.</summary>
    public async Task<Outcome<List<ReflectionDto>>> ReflectionsAsync(SpaceKey space, int personId, CancellationToken cancellationToken)
    {
        if (await SpaceOfAsync(space, personId, cancellationToken) is not { } found)
        {
            return Outcome.NotFound();
        }
        var names = found.Names;
        return (await db.Reflections.AsNoTracking().In(space)
                .Where(r => (r.Visibility == NoteVisibility.Shared || r.AuthorId == personId)).ToListAsync(cancellationToken))
            .OrderBy(r => r.Stage).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new ReflectionDto(r.Id, r.AuthorId, names.GetValueOrDefault(r.AuthorId) ?? "", r.Stage, r.Text, r.Visibility, At(r.CreatedAt))).ToList();
    }

    public async Task<Outcome<ReflectionDto>> AddReflectionAsync(SpaceKey space, int personId, ReflectionInput input, CancellationToken cancellationToken)
    {
        var pair = await ActiveSpaceAsync(space, personId, cancellationToken);
        if (!pair.Succeeded)
        {
            return pair.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(pair.Errors);
        }
        if (input.Stage is not { } stage)
        {
            return Outcome.Invalid("stage", "say which stage this is: start, middle or end");
        }
        if (Text("text", input.Text, 8000, "the reflection") is { Succeeded: false } bad)
        {
            return Outcome.Invalid(bad.Errors);
        }
        var reflection = new Reflection
        {
            MentorshipId = space.MentorshipId, GroupId = space.GroupId, AuthorId = personId, Stage = stage, Text = input.Text!.Trim(), Visibility = input.Visibility ?? NoteVisibility.Shared,
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.Reflections.Add(reflection);
        await db.SaveChangesAsync(cancellationToken);
        var names = pair.Value!.Names;
        return new ReflectionDto(reflection.Id, personId, names.GetValueOrDefault(personId) ?? "", stage, reflection.Text, reflection.Visibility, At(reflection.CreatedAt));
    }

    // ---- Check-ins ----

    public async Task<Outcome<List<CheckInDto>>> CheckInsAsync(SpaceKey space, int personId, CancellationToken cancellationToken)
    {
        if (await SpaceOfAsync(space, personId, cancellationToken) is not { } found)
        {
            return Outcome.NotFound();
        }
        var names = found.Names;
        return (await db.CheckIns.AsNoTracking().In(space).ToListAsync(cancellationToken))
            .OrderByDescending(c => c.On).ThenByDescending(c => c.Id)
            .Select(c => new CheckInDto(c.Id, c.AuthorId, names.GetValueOrDefault(c.AuthorId) ?? "", c.On.ToDateOnly(), c.Met, c.Rating, c.Note, c.SessionId, At(c.CreatedAt)))
            .ToList();
    }

    public async Task<Outcome<CheckInDto>> AddCheckInAsync(SpaceKey space, int personId, CheckInInput input, CancellationToken cancellationToken)
    {
        var pair = await ActiveSpaceAsync(space, personId, cancellationToken);
        if (pair.Value is not { } m)
        {
            return pair.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(pair.Errors);
        }
        var me = m.Me(personId);
        var today = clock.TodayIn(HealthQueries.ZoneOf(me));
        var on = input.On is { } d ? LocalDate.FromDateOnly(d) : today;
        if (on > today.PlusDays(1))
        {
            return Outcome.Invalid("on", "a check-in is about a day that has come: it cannot be in the future");
        }
        if (input.Met is not { } met)
        {
            return Outcome.Invalid("met", "say whether you met: true or false");
        }
        if (input.Rating is { } rating && rating is < 1 or > 5)
        {
            return Outcome.Invalid("rating", "the rating must be from 1 to 5");
        }
        if (Text("note", input.Note, 500, "the line", false) is { Succeeded: false } bad)
        {
            return Outcome.Invalid(bad.Errors);
        }
        if (input.SessionId is { } sessionId && !await SessionsOf(space).AnyAsync(s => s.Id == sessionId, cancellationToken))
        {
            return Outcome.Invalid("sessionId", $"that session is not one of this {space.What}");
        }
        var checkIn = new CheckIn
        {
            MentorshipId = space.MentorshipId, GroupId = space.GroupId, AuthorId = personId, On = on, Met = met, Rating = input.Rating, Note = Blank(input.Note), SessionId = input.SessionId,
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.CheckIns.Add(checkIn);
        await db.SaveChangesAsync(cancellationToken);
        return new CheckInDto(checkIn.Id, personId, me.Name, on.ToDateOnly(), met, checkIn.Rating, checkIn.Note, checkIn.SessionId, At(checkIn.CreatedAt));
    }

    /// <summary>The plan's check-in as a weekly (or fortnightly, monthly) calendar entry with the call link, for each of the pair to add.</summary>
    public async Task<Outcome<string>> CheckInCalendarAsync(int mentorshipId, int personId, string? callLink, CancellationToken cancellationToken)
    {
        if (await PairAsync(mentorshipId, personId, cancellationToken) is not { } m)
        {
            return Outcome.NotFound();
        }
        var plan = await db.MentorshipPlans.AsNoTracking().Where(p => p.MentorshipId == mentorshipId).OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return Outcome.Invalid("plan", "make a plan first: its day and time are the check-in's");
        }
        return CheckInCalendar.Write(m, plan, callLink, clock.GetCurrentInstant());
    }

    // ---- Action items ----

    public async Task<Outcome<List<ActionItemDto>>> ActionItemsAsync(SpaceKey space, int personId, CancellationToken cancellationToken)
    {
        if (await SpaceOfAsync(space, personId, cancellationToken) is not { } found)
        {
            return Outcome.NotFound();
        }
        var names = found.Names;
        return (await db.ActionItems.AsNoTracking().In(space).ToListAsync(cancellationToken))
            .OrderBy(a => a.DoneAt is not null).ThenBy(a => a.DueDate).ThenBy(a => a.Id).Select(a => Item(a, names)).ToList();
    }

    private static ActionItemDto Item(ActionItem a, Dictionary<int, string> names) =>
        new(a.Id, a.GoalId, a.SessionId, a.Text, a.OwnerId, names.GetValueOrDefault(a.OwnerId) ?? "", a.DueDate?.ToDateOnly(), a.DoneAt is not null, a.DoneAt is { } d ? At(d) : null);

    public async Task<Outcome<ActionItemDto>> AddActionItemAsync(SpaceKey space, int personId, ActionItemInput input, CancellationToken cancellationToken)
    {
        var pair = await ActiveSpaceAsync(space, personId, cancellationToken);
        if (pair.Value is not { } m)
        {
            return pair.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(pair.Errors);
        }
        if (Text("text", input.Text, 1000, "what is to be done") is { Succeeded: false } bad)
        {
            return Outcome.Invalid(bad.Errors);
        }
        var owner = input.OwnerId ?? personId;
        if (m.Members.All(p => p.Id != owner))
        {
            return Outcome.Invalid("ownerId", space.GroupId is null ? "the owner is the mentor or the mentee of this mentorship" : "the owner is the host or a member of this group");
        }
        if (input.GoalId is { } goalId && !await db.Goals.In(space).AnyAsync(g => g.Id == goalId, cancellationToken))
        {
            return Outcome.Invalid("goalId", $"that goal is not one of this {space.What}");
        }
        if (input.SessionId is { } sessionId && !await SessionsOf(space).AnyAsync(s => s.Id == sessionId, cancellationToken))
        {
            return Outcome.Invalid("sessionId", $"that session is not one of this {space.What}");
        }
        var item = new ActionItem
        {
            MentorshipId = space.MentorshipId, GroupId = space.GroupId, Text = input.Text!.Trim(), OwnerId = owner, DueDate = input.DueDate is { } d ? LocalDate.FromDateOnly(d) : null,
            GoalId = input.GoalId, SessionId = input.SessionId, CreatedAt = clock.GetCurrentInstant(),
        };
        db.ActionItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return Item(item, m.Names);
    }

    public async Task<Outcome<ActionItemDto>> ActionItemDoneAsync(int itemId, int personId, bool done, CancellationToken cancellationToken)
    {
        var item = await db.ActionItems.SingleOrDefaultAsync(a => a.Id == itemId, cancellationToken);
        if (item is null)
        {
            return Outcome.NotFound();
        }
        var pair = await ActiveSpaceAsync(SpaceKey.Of(item), personId, cancellationToken);
        if (!pair.Succeeded)
        {
            return pair.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(pair.Errors);
        }
        item.DoneAt = done ? item.DoneAt ?? clock.GetCurrentInstant() : null;
        await db.SaveChangesAsync(cancellationToken);
        return Item(item, pair.Value!.Names);
    }

    // ---- Fit and close-out ----

    public async Task<Outcome<List<FitDto>>> MyFitAsync(int mentorshipId, int personId, CancellationToken cancellationToken)
    {
        if (await PairAsync(mentorshipId, personId, cancellationToken) is null)
        {
            return Outcome.NotFound();
        }
        return (await db.FitAnswers.AsNoTracking().Where(f => f.MentorshipId == mentorshipId && f.PersonId == personId).ToListAsync(cancellationToken))
            .OrderByDescending(f => f.At).Select(f => new FitDto(f.Id, f.Answer, f.Comment, At(f.At))).ToList();
    }

    /// <summary>
    /// The fit check. "Not a good fit" tells the program's admins, who offer a rematch; the comment
    /// stays with its author and goes in no message.
    /// </summary>
    public async Task<Outcome<FitDto>> AnswerFitAsync(int mentorshipId, int personId, FitInput input, CancellationToken cancellationToken)
    {
        var pair = await ActivePairAsync(mentorshipId, personId, cancellationToken);
        if (pair.Value is not { } m)
        {
            return pair.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(pair.Errors);
        }
        if (input.Answer is not { } answer)
        {
            return Outcome.Invalid("answer", "answer good, too-early or not-good");
        }
        if (Text("comment", input.Comment, 2000, "the comment", false) is { Succeeded: false } bad)
        {
            return Outcome.Invalid(bad.Errors);
        }
        var now = clock.GetCurrentInstant();
        var fit = new FitAnswer { MentorshipId = mentorshipId, PersonId = personId, Answer = answer, Comment = Blank(input.Comment), At = now };
        db.FitAnswers.Add(fit);
        if (answer == FitVerdict.NotGood)
        {
            foreach (var admin in await AdminEmailsAsync(db, cancellationToken))
            {
                await outbox.EnqueueToAddressAsync(admin, admin, "fit-not-good", new Dictionary<string, object?>
                {
                    ["mentor"] = m.Mentor!.Name,
                    ["mentee"] = m.Mentee!.Name,
                    ["link"] = $"{site.Url()}/Programs/{m.ProgramId}/Matching",
                    ["program"] = new Dictionary<string, object?> { ["name"] = m.Program!.Name, ["id"] = m.ProgramId },
                }, Categories.General, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new FitDto(fit.Id, fit.Answer, fit.Comment, At(now));
    }

    internal static async Task<List<string>> AdminEmailsAsync(MentoringDbContext db, CancellationToken cancellationToken) =>
        (await Accounts.AdminAccounts.ActiveAsync(db, cancellationToken)).Select(a => a.Email).ToList();

    /// <summary>Either person closes the mentorship with a reason and a closing reflection; what was achieved stays visible to the pair.</summary>
    public async Task<Outcome<SpaceDto>> CloseAsync(int mentorshipId, int personId, CloseInput input, CancellationToken cancellationToken)
    {
        var pair = await ActivePairAsync(mentorshipId, personId, cancellationToken);
        if (pair.Value is not { } m)
        {
            return pair.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(pair.Errors);
        }
        if (Text("reason", input.Reason, 2000, "why the mentorship ends") is { Succeeded: false } bad)
        {
            return Outcome.Invalid(bad.Errors);
        }
        if (Text("reflection", input.Reflection, 8000, "the closing reflection", false) is { Succeeded: false } badReflection)
        {
            return Outcome.Invalid(badReflection.Errors);
        }
        var now = clock.GetCurrentInstant();
        m.Status = MentorshipStatus.Ended;
        m.EndedAt = now;
        m.ClosedById = personId;
        m.CloseReason = input.Reason!.Trim();
        if (Blank(input.Reflection) is { } reflection)
        {
            db.Reflections.Add(new Reflection
            {
                MentorshipId = m.Id, AuthorId = personId, Stage = ReflectionStage.End, Text = reflection, Visibility = NoteVisibility.Shared, CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        return await SpaceAsync(mentorshipId, personId, cancellationToken);
    }
}
