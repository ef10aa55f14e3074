using Mentoring.Domain;
using Mentoring.Infrastructure;

namespace Mentoring.Features.Mentorships;

/// <summary>
/// A group cohort's space, for its host and members only (anyone else is told it does not exist):
/// the plan, check-ins, goals, sessions, action items, notes and reflections, through the same
/// service as the pair's space and the API, so a private note stays its author's here too.
/// </summary>
public sealed class GroupSpaceModel(CurrentPerson current, MentorshipSpaceService space, Dialogues.DialogueLibrary dialogues, NodaTime.IClock clock)
    : SpacePageModel(current, space, dialogues, clock)
{
    public GroupSpaceDto? Space { get; private set; }

    public override SpaceWords Words => SpaceWords.Group;

    protected override SpaceKey Key(int id) => SpaceKey.Group(id);

    protected override string PathOf(int id) => $"/Groups/{id}/Space";

    protected override async Task<SpaceView?> FindAsync(int id, int personId, CancellationToken ct)
    {
        if ((await Service.GroupSpaceAsync(id, personId, ct)).Value is not { } group)
        {
            return null;
        }
        Space = group;
        // A group's space is open while the group is.
        return new SpaceView(group.Id, group.Me.Id, group.Me.TimeZone, group.Started, MentorshipStatus.Active,
            group.Members.ToDictionary(m => m.Id, m => m.Name), [.. group.Members.Where(m => m.Id != group.Me.Id)]);
    }
}
