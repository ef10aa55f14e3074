namespace Mentoring.Features.Reports;

/// <summary>The reports' settings (<c>Reports:*</c>).</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>The smallest group a report ever shows: k is never below this.</summary>
    public const int SmallestMinGroup = 3;

    /// <summary>Juniors are active people at or below this level.</summary>
    public int JuniorMaxLevel { get; set; } = 2;

    /// <summary>k: groups with fewer people are hidden.</summary>
    public int MinGroup { get; set; } = 5;

    public int MandateDaysPerWeek { get; set; } = 3;

    /// <summary>The HR attribute that says a person left (Yes, True or 1, any case).</summary>
    public string LeftAttribute { get; set; } = "Attrition";

    /// <summary>Run the report's code once in the background when the app has started (ReportWarmUp), so its first report is quick.</summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>k as applied: a setting below 3 counts as 3.</summary>
    public int K => Math.Max(SmallestMinGroup, MinGroup);
}
