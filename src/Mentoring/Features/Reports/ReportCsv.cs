using System.Globalization;
using System.Text;

namespace Mentoring.Features.Reports;

/// <summary>One section of the report as CSV: a header row, one row per figure or segment; numbers unrounded, nulls empty.</summary>
public static class ReportCsv
{
    public static readonly IReadOnlyList<string> Sections = ["coverage", "equity", "officeDays", "engagement", "retention"];

    /// <summary>The section's name as the contract spells it, or null when it is not one.</summary>
    public static string? SectionOf(string? name) =>
        Sections.FirstOrDefault(s => string.Equals(s, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Write(ProgramReport report, string section)
    {
        var rows = section switch
        {
            "coverage" => Figures(
                ("juniors", report.Coverage.Juniors), ("enrolled", report.Coverage.Enrolled), ("matched", report.Coverage.Matched),
                ("reached", report.Coverage.Reached), ("reachedWithin30Days", report.Coverage.ReachedWithin30Days),
                ("medianDaysToFirstSession", report.Coverage.MedianDaysToFirstSession)),
            "equity" => Equity(report.Equity),
            "officeDays" => Figures(
                ("weeks", report.OfficeDays.Weeks), ("hosts", report.OfficeDays.Hosts), ("hostOfficeDays", report.OfficeDays.HostOfficeDays),
                ("perHostPerWeek", report.OfficeDays.PerHostPerWeek), ("mandateDaysPerWeek", report.OfficeDays.MandateDaysPerWeek),
                ("mandateOfficeDays", report.OfficeDays.MandateOfficeDays)),
            "engagement" => Figures(
                ("mentorships.active", report.Engagement.Mentorships.Active), ("mentorships.ended", report.Engagement.Mentorships.Ended),
                ("checkIns.expected", report.Engagement.CheckIns.Expected), ("checkIns.logged", report.Engagement.CheckIns.Logged),
                ("checkIns.rate", report.Engagement.CheckIns.Rate),
                ("goals.set", report.Engagement.Goals.Set), ("goals.completed", report.Engagement.Goals.Completed),
                ("sessionRating.responses", report.Engagement.SessionRating.Responses), ("sessionRating.mean", report.Engagement.SessionRating.Mean),
                ("roulette.pairs", report.Engagement.Roulette.Pairs), ("roulette.met", report.Engagement.Roulette.Met),
                ("roulette.rate", report.Engagement.Roulette.Rate)),
            "retention" => Retention(report.Retention),
            _ => throw new ArgumentOutOfRangeException(nameof(section), section, "not a report section"),
        };
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(string.Join(',', row.Select(Cell))).Append("\r\n");
        }
        return text.ToString();
    }

    private static IEnumerable<object?[]> Figures(params (string Name, object? Value)[] figures) =>
        figures.Select(f => new[] { f.Name, f.Value }).Prepend(["figure", "value"]);

    private static IEnumerable<object?[]> Equity(EquityReport equity)
    {
        yield return ["by", "value", "hidden", "juniors", "matched", "reached", "rate", "gini"];
        yield return ["all", null, false, null, null, null, null, equity.Gini];
        foreach (var s in equity.Segments)
        {
            yield return [s.By, s.Value, s.Hidden, s.Juniors, s.Matched, s.Reached, s.Rate, null];
        }
    }

    private static IEnumerable<object?[]> Retention(RetentionReport r)
    {
        yield return ["group", "hidden", "n", "stayed", "rate", "ci95Low", "ci95High", "difference", "differenceLow", "differenceHigh", "pValue", "controlsRate"];
        foreach (var (name, g) in new[] { ("mentees", r.Mentees), ("mentors", r.Mentors), ("participants", r.Participants) })
        {
            yield return [name, g.Hidden, g.N, g.Stayed, g.Rate, g.Ci95?[0], g.Ci95?[1], g.Difference?.Value, g.Difference?.Ci95[0], g.Difference?.Ci95[1], g.PValue, null];
        }
        var b = r.NonParticipants;
        yield return ["nonParticipants", b.Hidden, b.N, b.Stayed, b.Rate, b.Ci95?[0], b.Ci95?[1], null, null, null, null, null];
        var a = r.Adjusted;
        // The adjusted row: n is the number of pairs, rate the participants' and controlsRate their controls'.
        yield return ["adjusted", a.Hidden, a.Pairs, null, a.ParticipantsRate, null, null, a.Difference?.Value, a.Difference?.Ci95[0], a.Difference?.Ci95[1], null, a.ControlsRate];
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s when s.IndexOfAny([',', '"', '\r', '\n']) >= 0 => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
