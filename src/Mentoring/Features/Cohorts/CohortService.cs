using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Matching;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Cohorts;

/// <summary>
/// Stand-ups, victories, kudos and reactions of a cohort (a program's, or a group's), for the API and
/// the pages alike. Only the cohort's people and admins reach a cohort at all; a private victory is
/// read by its author and the people they shared it with, and by nobody else: every read below goes
/// through <see cref="VisibleVictories"/>.
/// </summary>
public sealed class CohortService(MentoringDbContext db, IClock clock)
{
    public const string NotLinkedMessage = "your account is not linked to a person on the roster";

    /// <summary>A program's cohort, when the caller is enrolled in it or an admin; null otherwise, so programs do not leak.</summary>
    public async Task<Cohort?> ProgramCohortAsync(int programId, int? personId, bool isAdmin, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().Where(p => p.Id == programId).Select(p => new { p.Id, p.Name }).SingleOrDefaultAsync(cancellationToken);
        if (program is null)
        {
            return null;
        }
        var enrolled = personId is { } id && await db.Enrollments.AnyAsync(e => e.ProgramId == programId && e.PersonId == id, cancellationToken);
        return enrolled || isAdmin ? new Cohort(program.Id, null, program.Name, null) : null;
    }

    /// <summary>A group's cohort, for its host, its members and admins; null otherwise.</summary>
    public async Task<Cohort?> GroupCohortAsync(int groupId, int? personId, bool isAdmin, CancellationToken cancellationToken)
    {
        var group = await db.GroupActivities.AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new { g.Id, g.ProgramId, g.Title, g.HostId, Member = g.Members.Any(m => m.PersonId == personId) })
            .SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return null;
        }
        return isAdmin || group.Member || group.HostId == personId ? new Cohort(group.ProgramId, group.Id, group.Title, group.HostId) : null;
    }

    /// <summary>The boards a person may open: their programs' (active enrollments) and their groups'.</summary>
    public async Task<List<(string Name, string Path)>> BoardsOfAsync(int personId, CancellationToken cancellationToken)
    {
        var programs = await db.Enrollments.AsNoTracking().Where(e => e.PersonId == personId)
            .Select(e => new { e.ProgramId, e.Program!.Name }).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var groups = await db.GroupActivities.AsNoTracking().Where(g => g.HostId == personId || g.Members.Any(m => m.PersonId == personId))
            .Select(g => new { g.Id, g.Title }).OrderBy(g => g.Title).ToListAsync(cancellationToken);
        return Boards(programs.Select(p => (p.ProgramId, p.Name)), groups.Select(g => (g.Id, g.Title)));
    }

    /// <summary>
    /// The boards of a person's programs (active enrollments, by name) and of their groups (hosted or joined, by
    /// title), for a caller that has read them already.
    /// </summary>
    public static List<(string Name, string Path)> Boards(IEnumerable<(int Id, string Name)> programs, IEnumerable<(int Id, string Title)> groups) =>
        [.. programs.Select(p => (p.Name, $"/Programs/{p.Id}/Board")), .. groups.Select(g => (g.Title, $"/Groups/{g.Id}/Board"))];

    /// <summary>The cohort of a stand-up, victory or kudos, as the caller may reach it.</summary>
    private Task<Cohort?> CohortOfAsync(int programId, int? groupId, int? personId, bool isAdmin, CancellationToken cancellationToken) =>
        groupId is { } g ? GroupCohortAsync(g, personId, isAdmin, cancellationToken) : ProgramCohortAsync(programId, personId, isAdmin, cancellationToken);

    /// <summary>The people of a cohort: those enrolled in the program, or the group's members and host.</summary>
    public async Task<HashSet<int>> MembersAsync(Cohort cohort, CancellationToken cancellationToken)
    {
        if (cohort.GroupId is { } groupId)
        {
            var members = await db.GroupMembers.Where(m => m.ActivityId == groupId).Select(m => m.PersonId).ToListAsync(cancellationToken);
            return [.. members, cohort.HostId!.Value];
        }
        return [.. await db.Enrollments.Where(e => e.ProgramId == cohort.ProgramId).Select(e => e.PersonId).ToListAsync(cancellationToken)];
    }

    /// <summary>The cohort's people by name, for the kudos form.</summary>
    public async Task<List<Person>> PeopleAsync(Cohort cohort, CancellationToken cancellationToken)
    {
        var ids = await MembersAsync(cohort, cancellationToken);
        return await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Name).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Whom <paramref name="personId"/> may share a private victory with in this cohort: their mentor or
    /// mentees and the people of their groups (in a group's cohort, the group itself), never themselves.
    /// </summary>
    public async Task<List<Person>> SharingCandidatesAsync(Cohort cohort, int personId, CancellationToken cancellationToken)
    {
        var members = await MembersAsync(cohort, cancellationToken);
        HashSet<int> circle;
        if (cohort.GroupId is not null)
        {
            circle = members;
        }
        else
        {
            var paired = await db.Mentorships.Where(m => m.Status == MentorshipStatus.Active && (m.MentorId == personId || m.MenteeId == personId))
                .Select(m => m.MentorId == personId ? m.MenteeId : m.MentorId).ToListAsync(cancellationToken);
            var groups = db.GroupActivities.Where(g => g.HostId == personId || g.Members.Any(m => m.PersonId == personId));
            var groupMembers = await db.GroupMembers.Where(m => groups.Any(g => g.Id == m.ActivityId)).Select(m => m.PersonId).ToListAsync(cancellationToken);
            var hosts = await groups.Select(g => g.HostId).ToListAsync(cancellationToken);
            circle = [.. paired, .. groupMembers, .. hosts];
            circle.IntersectWith(members);
        }
        circle.Remove(personId);
        return await db.People.AsNoTracking().Where(p => circle.Contains(p.Id)).OrderBy(p => p.Name).ToListAsync(cancellationToken);
    }

    /// <summary>The victories of a cohort the viewer may read: the public ones, their own, and those shared with them.</summary>
    private IQueryable<Victory> VisibleVictories(int? viewerId) =>
        db.Victories.AsNoTracking().Where(v => v.Visibility == VictoryVisibility.Public
            || viewerId != null && (v.AuthorId == viewerId || v.Shares.Any(s => s.PersonId == viewerId)));

    private IQueryable<Victory> InCohort(IQueryable<Victory> query, Cohort cohort) =>
        cohort.GroupId is { } g ? query.Where(v => v.GroupId == g) : query.Where(v => v.ProgramId == cohort.ProgramId && v.GroupId == null);

    public async Task<List<VictoryDto>> VictoriesAsync(Cohort cohort, int? viewerId, CancellationToken cancellationToken)
    {
        var victories = await InCohort(VisibleVictories(viewerId), cohort)
            .Include(v => v.Author).ThenInclude(a => a!.Office).Include(v => v.Shares).ThenInclude(s => s.Person).ThenInclude(p => p!.Office)
            .OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id).Take(200).AsSplitQuery().ToListAsync(cancellationToken);
        var reactions = await ReactionsAsync(ReactionTarget.Victory, victories.Select(v => v.Id), viewerId, cancellationToken);
        return victories.Select(v => new VictoryDto(
            v.Id, MatchRunDto.Ref(v.Author!), v.Text, v.Visibility,
            v.Shares.Select(s => MatchRunDto.Ref(s.Person!)).OrderBy(p => p.Name).ToList(),
            v.CreatedAt.ToDateTimeOffset(), reactions(v.Id))).ToList();
    }

    public async Task<Outcome<Created>> AddVictoryAsync(Cohort cohort, int? authorId, VictoryInput input, CancellationToken cancellationToken)
    {
        if (authorId is not { } author)
        {
            return Outcome.Invalid("person", NotLinkedMessage);
        }
        var errors = new List<FieldError>();
        CheckText(errors, "text", input.Text, CohortLimits.Victory, "say what you achieved");
        if (input.Visibility is null)
        {
            errors.Add(new("visibility", "is required: public (the program sees it) or private (only the people you choose)"));
        }
        var shared = (input.SharedWith ?? []).Distinct().ToList();
        if (input.Visibility == VictoryVisibility.Public && shared.Count > 0)
        {
            errors.Add(new("sharedWith", "is for private victories only: a public victory is seen by everyone in the program"));
        }
        else if (shared.Count > CohortLimits.Shares)
        {
            errors.Add(new("sharedWith", $"may name at most {CohortLimits.Shares} people"));
        }
        else if (shared.Count > 0)
        {
            var allowed = (await SharingCandidatesAsync(cohort, author, cancellationToken)).Select(p => p.Id).ToHashSet();
            if (shared.Where(id => !allowed.Contains(id)).Select(id => (int?)id).FirstOrDefault() is { } wrong)
            {
                errors.Add(new("sharedWith", wrong == author
                    ? "cannot name yourself: you always see your own victories"
                    : $"person {wrong} is not your mentor, your mentee or in one of your groups in this program"));
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var victory = new Victory
        {
            ProgramId = cohort.ProgramId, GroupId = cohort.GroupId, AuthorId = author, Text = input.Text!.Trim(),
            Visibility = input.Visibility!.Value, CreatedAt = clock.GetCurrentInstant(),
            Shares = input.Visibility == VictoryVisibility.Private ? shared.Select(id => new VictoryShare { PersonId = id }).ToList() : [],
        };
        db.Victories.Add(victory);
        await db.SaveChangesAsync(cancellationToken);
        return new Created(victory.Id);
    }

    private IQueryable<Kudos> KudosIn(Cohort cohort) =>
        cohort.GroupId is { } g ? db.Kudos.AsNoTracking().Where(k => k.GroupId == g)
        : db.Kudos.AsNoTracking().Where(k => k.ProgramId == cohort.ProgramId && k.GroupId == null);

    public async Task<List<KudosDto>> KudosAsync(Cohort cohort, int? viewerId, CancellationToken cancellationToken)
    {
        var kudos = await KudosIn(cohort).Include(k => k.From).ThenInclude(p => p!.Office).Include(k => k.To).ThenInclude(p => p!.Office)
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Take(200).AsSplitQuery().ToListAsync(cancellationToken);
        var reactions = await ReactionsAsync(ReactionTarget.Kudos, kudos.Select(k => k.Id), viewerId, cancellationToken);
        return kudos.Select(k => new KudosDto(k.Id, MatchRunDto.Ref(k.From!), MatchRunDto.Ref(k.To!), k.Text, k.CreatedAt.ToDateTimeOffset(), reactions(k.Id))).ToList();
    }

    /// <summary>Every kudos text of the cohort, for its word cloud.</summary>
    public Task<List<string>> KudosTextsAsync(Cohort cohort, CancellationToken cancellationToken) =>
        KudosIn(cohort).OrderByDescending(k => k.Id).Take(2000).Select(k => k.Text).ToListAsync(cancellationToken);

    public async Task<Outcome<Created>> AddKudosAsync(Cohort cohort, int? fromId, KudosInput input, CancellationToken cancellationToken)
    {
        if (fromId is not { } from)
        {
            return Outcome.Invalid("person", NotLinkedMessage);
        }
        var errors = new List<FieldError>();
        if (input.To is not { } to)
        {
            errors.Add(new("to", "is required: the person the kudos are for"));
        }
        else if (to == from)
        {
            errors.Add(new("to", "cannot be yourself: kudos are for someone else"));
        }
        else if (!(await MembersAsync(cohort, cancellationToken)).Contains(to))
        {
            errors.Add(new("to", cohort.GroupId is null ? "is not in this program" : "is not in this group"));
        }
        CheckText(errors, "text", input.Text, CohortLimits.Kudos, "say what you thank them for");
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var kudos = new Kudos
        {
            ProgramId = cohort.ProgramId, GroupId = cohort.GroupId, FromId = from, ToId = input.To!.Value, Text = input.Text!.Trim(),
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.Kudos.Add(kudos);
        await db.SaveChangesAsync(cancellationToken);
        return new Created(kudos.Id);
    }

    private IQueryable<Standup> StandupsIn(Cohort cohort) =>
        cohort.GroupId is { } g ? db.Standups.AsNoTracking().Where(s => s.GroupId == g)
        : db.Standups.AsNoTracking().Where(s => s.ProgramId == cohort.ProgramId && s.GroupId == null);

    /// <summary>The cohort's latest stand-ups with their replies, newest day first.</summary>
    public async Task<List<StandupDto>> StandupsAsync(Cohort cohort, int? viewerId, CancellationToken cancellationToken)
    {
        var standups = await StandupsIn(cohort).Include(s => s.Author).ThenInclude(p => p!.Office)
            .Include(s => s.Replies).ThenInclude(r => r.Author).ThenInclude(p => p!.Office)
            .OrderByDescending(s => s.On).ThenByDescending(s => s.CreatedAt).Take(100).AsSplitQuery().ToListAsync(cancellationToken);
        var reactions = await ReactionsAsync(ReactionTarget.Standup, standups.Select(s => s.Id), viewerId, cancellationToken);
        return standups.Select(s => ToDto(s, reactions(s.Id))).ToList();
    }

    private static StandupDto ToDto(Standup s, IReadOnlyList<ReactionCount> reactions) => new(
        s.Id, MatchRunDto.Ref(s.Author!), s.On.ToDateOnly(), s.Did, s.Next, s.Stuck, s.CreatedAt.ToDateTimeOffset(),
        s.Replies.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(ToDto).ToList(), reactions);

    private static ReplyDto ToDto(StandupReply r) => new(r.Id, MatchRunDto.Ref(r.Author!), r.Text, r.CreatedAt.ToDateTimeOffset());

    /// <summary>Today's stand-up of the author in the cohort: the first of the day, or the day's one rewritten.</summary>
    public async Task<Outcome<Created>> PostStandupAsync(Cohort cohort, int? authorId, StandupInput input, CancellationToken cancellationToken)
    {
        if (authorId is not { } author)
        {
            return Outcome.Invalid("person", NotLinkedMessage);
        }
        var errors = new List<FieldError>();
        CheckText(errors, "did", input.Did, CohortLimits.Did, "say what you did");
        CheckText(errors, "next", input.Next, CohortLimits.Did, "say what you will do next");
        CheckText(errors, "stuck", input.Stuck, CohortLimits.Did, null);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var zone = await db.People.Where(p => p.Id == author).Select(p => p.Office!.TimeZone).SingleOrDefaultAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var today = Today.Of(now, zone);
        var standup = await db.Standups.SingleOrDefaultAsync(
            s => s.ProgramId == cohort.ProgramId && s.GroupId == cohort.GroupId && s.AuthorId == author && s.On == today, cancellationToken);
        if (standup is null)
        {
            standup = new Standup { ProgramId = cohort.ProgramId, GroupId = cohort.GroupId, AuthorId = author, On = today, CreatedAt = now };
            db.Standups.Add(standup);
        }
        standup.Did = input.Did!.Trim();
        standup.Next = input.Next!.Trim();
        standup.Stuck = input.Stuck?.Trim() ?? "";
        await db.SaveChangesAsync(cancellationToken);
        return new Created(standup.Id);
    }

    /// <summary>A stand-up the caller may read (they are in its cohort, or an admin), with its cohort.</summary>
    private async Task<(Standup Standup, Cohort Cohort)?> ReachableStandupAsync(int id, int? personId, bool isAdmin, CancellationToken cancellationToken)
    {
        var standup = await db.Standups.AsNoTracking().Include(s => s.Replies).ThenInclude(r => r.Author).ThenInclude(p => p!.Office)
            .SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (standup is null || await CohortOfAsync(standup.ProgramId, standup.GroupId, personId, isAdmin, cancellationToken) is not { } cohort)
        {
            return null;
        }
        return (standup, cohort);
    }

    public async Task<Outcome<List<ReplyDto>>> RepliesAsync(int standupId, int? personId, bool isAdmin, CancellationToken cancellationToken) =>
        await ReachableStandupAsync(standupId, personId, isAdmin, cancellationToken) is { } found
            ? found.Standup.Replies.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(ToDto).ToList()
            : Outcome.NotFound();

    public async Task<Outcome<Created>> ReplyAsync(int standupId, int? personId, bool isAdmin, ReplyInput input, CancellationToken cancellationToken)
    {
        if (await ReachableStandupAsync(standupId, personId, isAdmin, cancellationToken) is null)
        {
            return Outcome.NotFound();
        }
        if (personId is not { } author)
        {
            return Outcome.Invalid("person", NotLinkedMessage);
        }
        var errors = new List<FieldError>();
        CheckText(errors, "text", input.Text, CohortLimits.Reply, "write your reply");
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var reply = new StandupReply { StandupId = standupId, AuthorId = author, Text = input.Text!.Trim(), CreatedAt = clock.GetCurrentInstant() };
        db.StandupReplies.Add(reply);
        await db.SaveChangesAsync(cancellationToken);
        return new Created(reply.Id);
    }

    /// <summary>
    /// Adds (or takes back) the caller's reaction of one kind. Only what the caller may read can be
    /// reacted to: a private victory they were not given is not found, as if it did not exist.
    /// </summary>
    public async Task<Outcome<List<ReactionCount>>> ReactAsync(
        ReactionTarget target, int id, int? personId, bool isAdmin, ReactionKind? kind, bool add, CancellationToken cancellationToken)
    {
        var place = target switch
        {
            ReactionTarget.Victory => await VisibleVictories(personId).Where(v => v.Id == id).Select(v => new { v.ProgramId, v.GroupId }).SingleOrDefaultAsync(cancellationToken),
            ReactionTarget.Kudos => await db.Kudos.Where(k => k.Id == id).Select(k => new { k.ProgramId, k.GroupId }).SingleOrDefaultAsync(cancellationToken),
            _ => await db.Standups.Where(s => s.Id == id).Select(s => new { s.ProgramId, s.GroupId }).SingleOrDefaultAsync(cancellationToken),
        };
        if (place is null || await CohortOfAsync(place.ProgramId, place.GroupId, personId, isAdmin, cancellationToken) is null)
        {
            return Outcome.NotFound();
        }
        if (personId is not { } person)
        {
            return Outcome.Invalid("person", NotLinkedMessage);
        }
        if (kind is not { } k)
        {
            return Outcome.Invalid("kind", "is required: one of " + string.Join(", ", Enum.GetValues<ReactionKind>().Select(KebabName)));
        }
        var existing = await db.Reactions.SingleOrDefaultAsync(r => r.Target == target && r.TargetId == id && r.PersonId == person && r.Kind == k, cancellationToken);
        if (add && existing is null)
        {
            db.Reactions.Add(new Reaction { Target = target, TargetId = id, PersonId = person, Kind = k, CreatedAt = clock.GetCurrentInstant() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same reaction arrived twice at once: one of them is stored, which is what was asked.
                db.ChangeTracker.Clear();
            }
        }
        else if (!add && existing is not null)
        {
            db.Reactions.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
        }
        return (await ReactionsAsync(target, [id], personId, cancellationToken))(id).ToList();
    }

    /// <summary>Counts per kind for each item, with whether the viewer gave that one.</summary>
    private async Task<Func<int, IReadOnlyList<ReactionCount>>> ReactionsAsync(
        ReactionTarget target, IEnumerable<int> ids, int? viewerId, CancellationToken cancellationToken)
    {
        var list = ids.ToList();
        var rows = list.Count == 0 ? []
            : await db.Reactions.AsNoTracking().Where(r => r.Target == target && list.Contains(r.TargetId))
                .GroupBy(r => new { r.TargetId, r.Kind })
                .Select(g => new { g.Key.TargetId, g.Key.Kind, Count = g.Count(), Mine = g.Any(r => r.PersonId == viewerId) })
                .ToListAsync(cancellationToken);
        var byItem = rows.ToLookup(r => r.TargetId);
        return id => Enum.GetValues<ReactionKind>()
            .Select(kind => byItem[id].FirstOrDefault(r => r.Kind == kind) is { } row
                ? new ReactionCount(kind, Reaction.Emoji(kind), row.Count, row.Mine)
                : new ReactionCount(kind, Reaction.Emoji(kind), 0, false))
            .ToList();
    }

    public static string KebabName(ReactionKind kind) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    private static void CheckText(List<FieldError> errors, string field, string? value, int max, string? requiredMessage)
    {
        if (requiredMessage is not null && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, requiredMessage));
        }
        else if (FieldRules.Check(value?.Trim(), max, multiLine: max >= FieldRules.MultiLineFrom) is { } reason)
        {
            errors.Add(new(field, reason));
        }
    }
}
