using Mentoring.Domain;

namespace Mentoring.Features.Matching;

/// <summary>
/// The hard rules of a pair: never oneself, never someone in one's own reporting line (either way),
/// the program's minimum level gap, same office when the program asks, no repeat of an earlier pairing.
/// </summary>
public sealed class MatchEligibility(
    MatchingSettings settings, bool reverse, IReadOnlyDictionary<int, int?> managerOf, IReadOnlySet<(int Mentor, int Mentee)> earlierPairs)
{
    /// <summary>Null when the pair is allowed; otherwise the rule that forbids it.</summary>
    public string? Forbids(MatchProfile mentor, MatchProfile mentee)
    {
        if (mentor.PersonId == mentee.PersonId)
        {
            return "the same person";
        }
        if (InLine(mentee.PersonId, mentor.PersonId) || InLine(mentor.PersonId, mentee.PersonId))
        {
            return "in the same reporting line";
        }
        var gap = reverse ? mentee.Level - mentor.Level : mentor.Level - mentee.Level;
        if (gap < settings.MinimumLevelGap)
        {
            return $"fewer than {settings.MinimumLevelGap} level(s) apart";
        }
        if (settings.SameOfficeOnly && (mentor.OfficeId is null || mentor.OfficeId != mentee.OfficeId))
        {
            return "not in the same office";
        }
        if (settings.NoRepeatPairings && (earlierPairs.Contains((mentor.PersonId, mentee.PersonId)) || earlierPairs.Contains((mentee.PersonId, mentor.PersonId))))
        {
            return "paired before";
        }
        return null;
    }

    /// <summary>True when <paramref name="ancestor"/> is above <paramref name="person"/> in the manager chain.</summary>
    private bool InLine(int person, int ancestor)
    {
        var seen = new HashSet<int>();
        for (var current = managerOf.GetValueOrDefault(person); current is { } id && seen.Add(id); current = managerOf.GetValueOrDefault(id))
        {
            if (id == ancestor)
            {
                return true;
            }
        }
        return false;
    }
}
