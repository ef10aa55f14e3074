using System.Text.Json.Serialization;

namespace Mentoring.Features.Reports;

// The program report as ../shared/contracts/reports.md fixes it: field names and order are the contract's.

public sealed record ProgramReport(
    ReportProgram Program, string AsOf, int MinGroup, CoverageReport Coverage, EquityReport Equity,
    OfficeDaysReport OfficeDays, EngagementReport Engagement, RetentionReport Retention)
{
    /// <summary>The page's charts read these; they are not part of the JSON.</summary>
    [JsonIgnore]
    public IReadOnlyList<HostOfficeDays> Hosts { get; init; } = [];

    [JsonIgnore]
    public IReadOnlyList<WeekCount> CheckInsByWeek { get; init; } = [];
}

public sealed record ReportProgram(int Id, string Name, string Kind, string Status);

public sealed record CoverageReport(int Juniors, int Enrolled, int Matched, int Reached, int ReachedWithin30Days, double? MedianDaysToFirstSession);

public sealed record EquityReport(double? Gini, IReadOnlyList<SegmentReport> Segments);

public sealed record SegmentReport(string By, string? Value, bool Hidden, int? Juniors, int? Matched, int? Reached, double? Rate);

public sealed record OfficeDaysReport(int Weeks, int Hosts, int HostOfficeDays, double? PerHostPerWeek, int MandateDaysPerWeek, int MandateOfficeDays);

public sealed record EngagementReport(
    MentorshipCounts Mentorships, CheckInCounts CheckIns, GoalCounts Goals, RatingSummary SessionRating, RouletteCounts Roulette);

public sealed record MentorshipCounts(int Active, int Ended);

public sealed record CheckInCounts(int Expected, int Logged, double? Rate);

public sealed record GoalCounts(int Set, int? Completed);

public sealed record RatingSummary(int Responses, double? Mean);

public sealed record RouletteCounts(int Pairs, int Met, double? Rate);

public sealed record RetentionReport(
    string LeftAttribute, RetentionGroup Mentees, RetentionGroup Mentors, RetentionGroup Participants,
    RetentionBase NonParticipants, AdjustedComparison Adjusted, string Caveat);

public sealed record RetentionGroup(
    bool Hidden, int? N, int? Stayed, double? Rate, double[]? Ci95, DifferenceReport? Difference, double? PValue);

public sealed record RetentionBase(bool Hidden, int? N, int? Stayed, double? Rate, double[]? Ci95);

public sealed record DifferenceReport(double Value, double[] Ci95);

public sealed record AdjustedComparison(
    string Method, int Pairs, double? ParticipantsRate, double? ControlsRate, DifferenceReport? Difference)
{
    /// <summary>Fewer pairs than the smallest group shown: the rates are hidden like any small group.</summary>
    public bool Hidden { get; init; }
}

/// <summary>One host's office days in the period, against the mandate's (for the chart).</summary>
public sealed record HostOfficeDays(int PersonId, string Name, int OfficeDays, int MandateDays);

/// <summary>Check-ins expected and logged in the week starting <paramref name="Monday"/> (for the chart).</summary>
public sealed record WeekCount(string Monday, int Expected, int Logged);
