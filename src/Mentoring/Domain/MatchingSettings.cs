namespace Mentoring.Domain;

/// <summary>How mentees get a mentor in a program.</summary>
public enum MatchingMode
{
    /// <summary>The admin runs matching, reviews the proposal and publishes it.</summary>
    AdminProposes,

    /// <summary>Each mentee sees suggested mentors with reasons and asks one; the mentor accepts or declines.</summary>
    MenteeChoice,
}

/// <summary>The size of a reverse-mentoring pilot: start small, evaluate, then expand.</summary>
public enum PilotScope
{
    OnePair,
    OneTeam,
    OneDepartment,
    Company,
}

/// <summary>
/// A program's matching rules and weights. The weights say how much each factor counts in a pair's
/// score (they are normalised, so only their ratios matter); the priority points say who needs a
/// mentor most. Defaults are documented in docs/matching.md.
/// </summary>
public sealed class MatchingSettings
{
    public MatchingMode Mode { get; set; } = MatchingMode.AdminProposes;

    public double ValuesWeight { get; set; } = 0.20;

    public double InterestsWeight { get; set; } = 0.15;

    public double SkillsWeight { get; set; } = 0.25;

    public double LevelGapWeight { get; set; } = 0.15;

    public double CrossDepartmentWeight { get; set; } = 0.10;

    public double TimeZoneWeight { get; set; } = 0.10;

    public double SameOfficeWeight { get; set; } = 0.05;

    /// <summary>The mentor must be at least this many levels above the mentee (below, in reverse mentoring). 0 allows peers.</summary>
    public int MinimumLevelGap { get; set; } = 1;

    /// <summary>Only pair people of the same office (for programs that meet in person).</summary>
    public bool SameOfficeOnly { get; set; }

    /// <summary>Never pair two people who were paired before, in any program.</summary>
    public bool NoRepeatPairings { get; set; } = true;

    /// <summary>Priority points for a mentee who has never had a mentor here.</summary>
    public int PriorityNoMentoringYet { get; set; } = 4;

    /// <summary>Priority points for a mentee in their first year.</summary>
    public int PriorityNewHire { get; set; } = 3;

    /// <summary>Priority points for a mentee their manager flagged as wanting support.</summary>
    public int PriorityFlagged { get; set; } = 2;

    /// <summary>How many mentors a mentee sees in mentee-choice mode.</summary>
    public int SuggestionsShown { get; set; } = 5;

    /// <summary>Reverse mentoring: how far the pilot reaches, and which team or department (or pair) it is.</summary>
    public PilotScope? PilotScope { get; set; }

    public string? PilotScopeValue { get; set; }
}
