using Mentoring.Domain;

namespace Mentoring.Features.Training;

/// <summary>The words the training pages use for its values.</summary>
public static class TrainingText
{
    public static string Audience(TrainingAudience audience) => audience switch
    {
        TrainingAudience.Mentor => "For mentors",
        TrainingAudience.Mentee => "For mentees",
        TrainingAudience.Sponsor => "For sponsors",
        _ => "For reverse mentors",
    };

    public static string Visibility(AnswerVisibility visibility) => visibility switch
    {
        AnswerVisibility.Private => "only you",
        AnswerVisibility.Pair => "you and your pair",
        _ => "you and your cohort",
    };

    public static string Kind(TrainingModuleKind kind) => kind == TrainingModuleKind.Video ? "Video" : "Article";

    public static string Percent(double? rate) => rate is { } r ? $"{Math.Round(r * 100):0}%" : "hidden";
}

/// <summary>The delete section of a course's or a module's edit page (_DeleteSection).</summary>
public sealed record DeleteSection(string What, string Cost, string? Refusal, bool Allowed = true);
