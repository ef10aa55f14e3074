using Mentoring.Domain;

namespace Mentoring.Features.Profiles;

/// <summary>How a person's own preferred formats steer the choice between meeting in person and by video.</summary>
public static class ProfileFormats
{
    /// <summary>
    /// Whether this person would meet in person: what they said for the program wins; when they left
    /// it open, a profile that lists only virtual formats means video.
    /// </summary>
    public static bool MeetsInPerson(MeetingMode programMode, Person person) => programMode switch
    {
        MeetingMode.Virtual => false,
        MeetingMode.InPerson => true,
        _ => person.PreferredFormats.Count == 0 || person.PreferredFormats.Any(ActivityFormats.IsInPerson),
    };
}
