using Mentoring.Domain;

namespace Mentoring.Features.Dialogues;

/// <summary>How the library names its stages on the pages.</summary>
public static class DialogueText
{
    public static string Stage(DialogueStage stage) => stage switch
    {
        DialogueStage.FirstWeeks => "First weeks",
        DialogueStage.Middle => "Middle",
        DialogueStage.End => "End",
        _ => "Any time",
    };

    public static IReadOnlyList<string> Lines(string prompts) =>
        prompts.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
