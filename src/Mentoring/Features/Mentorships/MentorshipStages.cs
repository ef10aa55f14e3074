using Mentoring.Domain;
using NodaTime;

namespace Mentoring.Features.Mentorships;

/// <summary>Where a mentorship is in its life, for the guided dialogues that suit it.</summary>
public static class MentorshipStages
{
    /// <summary>The first four weeks are its start.</summary>
    public const int FirstWeeksDays = 28;

    /// <summary>The last three weeks before the plan's end date (and after it, or once closed) are its end.</summary>
    public const int EndDays = 21;

    public static DialogueStage Of(LocalDate started, LocalDate today, LocalDate? planEnd, MentorshipStatus status)
    {
        if (status != MentorshipStatus.Active || (planEnd is { } end && Period.DaysBetween(today, end) <= EndDays))
        {
            return DialogueStage.End;
        }
        return Period.DaysBetween(started, today) < FirstWeeksDays ? DialogueStage.FirstWeeks : DialogueStage.Middle;
    }
}
