using NodaTime;

namespace Mentoring.Domain;

/// <summary>When in a mentorship a guided dialogue fits best.</summary>
public enum DialogueStage
{
    FirstWeeks,
    Middle,
    End,
    Any,
}

/// <summary>
/// A guided dialogue or discussion guide in the library the admin keeps (the three-minute life
/// story, values and motivations, …): prompts for a pair or a group, the stage it suits, and an
/// optional timer. Retired guides stay for the record but are no longer offered.
/// </summary>
public sealed class DiscussionGuide
{
    public int Id { get; set; }

    public required string Title { get; set; }

    /// <summary>One or two sentences: what the dialogue is for.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The guide itself: steps and questions, one per line.</summary>
    public string Prompts { get; set; } = "";

    public DialogueStage Stage { get; set; } = DialogueStage.Any;

    /// <summary>For timed dialogues (the three-minute life story): the countdown the page offers, in minutes.</summary>
    public int? TimerMinutes { get; set; }

    /// <summary>Written for reverse mentoring (a junior mentoring an executive).</summary>
    public bool ReverseMentoring { get; set; }

    public bool Retired { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant UpdatedAt { get; set; }
}
