namespace Mentoring.Domain;

/// <summary>
/// Something in a shared space: a mentorship's (the pair's) or a group cohort's. Exactly one of the
/// two ids is set; a check constraint in the store says so too.
/// </summary>
public interface ISpaceItem
{
    int? MentorshipId { get; set; }

    int? GroupId { get; set; }
}
