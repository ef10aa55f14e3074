using Mentoring.Domain;

namespace Mentoring.Features.Mentorships;

/// <summary>Which shared space: a mentorship's or a group cohort's (exactly one id is set).</summary>
public readonly record struct SpaceKey(int? MentorshipId, int? GroupId)
{
    public static SpaceKey Pair(int mentorshipId) => new(mentorshipId, null);

    public static SpaceKey Group(int groupId) => new(null, groupId);

    public static SpaceKey Of(ISpaceItem item) => new(item.MentorshipId, item.GroupId);

    public static SpaceKey Of(ScheduledSession session) => session.MentorshipId is { } m ? Pair(m) : Group(session.GroupActivityId!.Value);

    /// <summary>A bare id is a mentorship's, as every caller meant before groups had a space.</summary>
    public static implicit operator SpaceKey(int mentorshipId) => Pair(mentorshipId);

    /// <summary>The word for it in a message.</summary>
    public string What => GroupId is null ? "mentorship" : "group";
}

public static class SpaceQueries
{
    /// <summary>The rows of one space.</summary>
    public static IQueryable<T> In<T>(this IQueryable<T> rows, SpaceKey space) where T : class, ISpaceItem =>
        space.GroupId is { } groupId ? rows.Where(x => x.GroupId == groupId) : rows.Where(x => x.MentorshipId == space.MentorshipId);
}

/// <summary>A space as the service loaded it for one of its members.</summary>
internal sealed record Space(
    SpaceKey Key, int ProgramId, string ProgramName, bool Active, Person Host, IReadOnlyList<Person> Members, Person Reference,
    NodaTime.Instant CreatedAt, string Title, GroupActivity? Group)
{
    public Person Me(int personId) => Members.First(p => p.Id == personId);

    public Dictionary<int, string> Names => Members.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First().Name);

    /// <summary>The kind a logged session gets: the pair's lunch or video check-in; the group's own format when it fits the mode.</summary>
    public string SessionKind(SessionMode mode) => Group is not { } group
        ? mode == SessionMode.InPerson ? ActivityFormats.Lunch : ActivityFormats.VirtualCheckin
        : mode == SessionMode.InPerson
            ? ActivityFormats.IsInPerson(group.Kind) ? group.Kind : ActivityFormats.GroupMentoring
            : group.IsCoworking ? ActivityFormats.VirtualCoworking : ActivityFormats.VirtualCheckin;
}
