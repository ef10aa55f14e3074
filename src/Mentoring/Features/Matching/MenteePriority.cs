using Mentoring.Domain;
using NodaTime;

namespace Mentoring.Features.Matching;

/// <summary>
/// Who needs a mentor most, as the program's rule says (docs/matching.md): points for never having
/// had a mentor here, for being in the first year, and for a manager's flag, capped at 9. This is
/// how the quiet juniors are reached without having to ask.
/// </summary>
public static class MenteePriority
{
    public const int Max = 9;

    public static (int Priority, IReadOnlyList<string> Reasons) Compute(
        MatchingSettings settings, bool hadMentorBefore, LocalDate? hireDate, LocalDate today, bool flagged)
    {
        var points = 0;
        var reasons = new List<string>();
        if (!hadMentorBefore && settings.PriorityNoMentoringYet > 0)
        {
            points += settings.PriorityNoMentoringYet;
            reasons.Add("has not had a mentor yet");
        }
        if (hireDate is { } hired && hired > today.PlusYears(-1) && settings.PriorityNewHire > 0)
        {
            points += settings.PriorityNewHire;
            reasons.Add("joined in the last year");
        }
        if (flagged && settings.PriorityFlagged > 0)
        {
            points += settings.PriorityFlagged;
            reasons.Add("their manager asked for support");
        }
        return (Math.Clamp(points, 0, Max), reasons);
    }
}
