using NodaTime;

namespace Mentoring.Domain;

/// <summary>What a reaction is on.</summary>
public enum ReactionTarget
{
    Victory,
    Kudos,
    Standup,
}

/// <summary>The small fixed set of reactions, each shown as one emoji.</summary>
public enum ReactionKind
{
    Clap,
    Party,
    Heart,
    Rocket,
    Idea,
}

/// <summary>One person's reaction of one kind to a victory, kudos or stand-up (at most one per person and kind).</summary>
public sealed class Reaction
{
    public int Id { get; set; }

    public ReactionTarget Target { get; set; }

    public int TargetId { get; set; }

    public int PersonId { get; set; }

    public ReactionKind Kind { get; set; }

    public Instant CreatedAt { get; set; }

    public static string Emoji(ReactionKind kind) => kind switch
    {
        ReactionKind.Clap => "👏",
        ReactionKind.Party => "🎉",
        ReactionKind.Heart => "❤️",
        ReactionKind.Rocket => "🚀",
        _ => "💡",
    };
}
