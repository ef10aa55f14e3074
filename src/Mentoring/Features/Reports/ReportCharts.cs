using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Mentoring.Features.Reports;

/// <summary>
/// The report's charts as SVG drawn on the server: no script, no front-end build; colours come
/// from classes in reports.css, so the page, its print form and dark or light themes share them.
/// </summary>
public static class ReportCharts
{
    private const int Width = 480;
    private const int LabelWidth = 150;
    private const int ValueWidth = 100;
    private const int Row = 26;

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>One bar per step of the funnel, from all juniors to those reached within 30 days.</summary>
    public static IHtmlContent Funnel(ProgramReport r)
    {
        var c = r.Coverage;
        return Bars("funnel", "Coverage funnel", [
            ("Juniors on the roster", c.Juniors, $"{c.Juniors}"),
            ("Enrolled", c.Enrolled, $"{c.Enrolled}"),
            ("Matched", c.Matched, $"{c.Matched}"),
            ("Reached (a session held)", c.Reached, $"{c.Reached}"),
            ("Reached within 30 days", c.ReachedWithin30Days, $"{c.ReachedWithin30Days}"),
        ], Math.Max(1, c.Juniors));
    }

    /// <summary>Share of each segment's juniors reached; a hidden segment says so instead of a bar.</summary>
    public static IHtmlContent Reach(IReadOnlyList<SegmentReport> segments, string by, string title, string id) =>
        Bars(id, title, segments.Where(s => s.By == by)
            .Select(s => (Label: SegmentLabel(by, s.Value), Value: s.Rate is { } rate ? rate * 100 : (double?)null,
                Text: s.Hidden ? "hidden: fewer than k" : $"{ReportText.Percent(s.Rate)} of {s.Juniors}"))
            .ToList(), 100);

    /// <summary>A segment's name as a person reads it: levels as "Level 2", people without an office as such.</summary>
    public static string SegmentLabel(string by, string? value) => value switch
    {
        null => by == "office" ? "No office" : "Not given",
        _ when by == "level" => "Level " + value,
        _ => value,
    };

    /// <summary>The segment with what it is a segment of, for tables that list every kind together ("Office: London").</summary>
    public static string SegmentName(string by, string? value) =>
        by == "level" ? SegmentLabel(by, value) : $"{char.ToUpperInvariant(by[0])}{by[1..]}: {SegmentLabel(by, value)}";

    /// <summary>Each host's office days for the program, with the mandate's for the same weeks beneath.</summary>
    public static IHtmlContent OfficeDays(ProgramReport r)
    {
        var hosts = r.Hosts.Take(15).ToList();
        var max = Math.Max(1, hosts.Select(h => Math.Max(h.OfficeDays, h.MandateDays)).DefaultIfEmpty(1).Max());
        var height = hosts.Count * (Row * 2) + 8;
        var svg = Open("office-days", "Office days per host against the mandate", height,
            string.Join("; ", hosts.Select(h => $"{h.Name}: {h.OfficeDays} office days, mandate {h.MandateDays}")));
        for (var i = 0; i < hosts.Count; i++)
        {
            var h = hosts[i];
            var y = i * Row * 2 + 4;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"0\" y=\"{y + 15}\">{E(h.Name)}</text>");
            Bar(svg, y, h.OfficeDays, max, "bar-plan", $"{h.OfficeDays} for the program");
            Bar(svg, y + Row - 4, h.MandateDays, max, "bar-mandate", $"{h.MandateDays} under the mandate");
        }
        return Close(svg);
    }

    /// <summary>Columns per week: check-ins planned (light) and held (dark).</summary>
    public static IHtmlContent CheckIns(ProgramReport r)
    {
        var weeks = r.CheckInsByWeek.TakeLast(26).ToList();
        const int height = 180, bottom = 150;
        var max = Math.Max(1, weeks.Select(w => w.Expected).DefaultIfEmpty(1).Max());
        var svg = Open("check-ins", "Check-ins over time", height,
            string.Join("; ", weeks.Select(w => $"week of {w.Monday}: {w.Logged} of {w.Expected}")));
        var step = weeks.Count == 0 ? 0 : (double)(Width - 40) / weeks.Count;
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-axis\" x1=\"30\" y1=\"{bottom}\" x2=\"{Width}\" y2=\"{bottom}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-small\" x=\"0\" y=\"14\">{max}</text><text class=\"chart-small\" x=\"0\" y=\"{bottom}\">0</text>");
        for (var i = 0; i < weeks.Count; i++)
        {
            var w = weeks[i];
            var x = 34 + i * step;
            var expected = (bottom - 10.0) * w.Expected / max;
            var logged = (bottom - 10.0) * w.Logged / max;
            var width = Math.Max(2, step * 0.7);
            svg.Append(CultureInfo.InvariantCulture, $"<g><title>Week of {w.Monday}: {w.Logged} of {w.Expected}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar-mandate\" x=\"{F(x)}\" y=\"{F(bottom - expected)}\" width=\"{F(width)}\" height=\"{F(expected)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar-plan\" x=\"{F(x)}\" y=\"{F(bottom - logged)}\" width=\"{F(width)}\" height=\"{F(logged)}\"/></g>");
            if (i == 0 || i == weeks.Count - 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-small\" x=\"{F(x)}\" y=\"{bottom + 16}\">{w.Monday}</text>");
            }
        }
        return Close(svg);
    }

    /// <summary>Each group's share who stayed as a dot, its Wilson interval as a line, on 0–100%.</summary>
    public static IHtmlContent Retention(ProgramReport r)
    {
        var groups = new (string Name, bool Hidden, double? Rate, double[]? Ci)[]
        {
            ("Mentees", r.Retention.Mentees.Hidden, r.Retention.Mentees.Rate, r.Retention.Mentees.Ci95),
            ("Mentors", r.Retention.Mentors.Hidden, r.Retention.Mentors.Rate, r.Retention.Mentors.Ci95),
            ("Participants", r.Retention.Participants.Hidden, r.Retention.Participants.Rate, r.Retention.Participants.Ci95),
            ("Non-participants", r.Retention.NonParticipants.Hidden, r.Retention.NonParticipants.Rate, r.Retention.NonParticipants.Ci95),
        };
        var height = groups.Length * Row + 30;
        var svg = Open("retention", "Retention with 95% Wilson intervals", height,
            string.Join("; ", groups.Select(g => g.Hidden ? $"{g.Name}: hidden" : $"{g.Name}: {ReportText.Percent(g.Rate)} stayed, interval {ReportText.Percent(g.Ci?[0])} to {ReportText.Percent(g.Ci?[1])}")));
        double X(double rate) => LabelWidth + rate * (Width - LabelWidth - 10);
        var axis = groups.Length * Row + 8;
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-axis\" x1=\"{LabelWidth}\" y1=\"{axis}\" x2=\"{Width - 10}\" y2=\"{axis}\"/>");
        foreach (var tick in new[] { 0, 0.25, 0.5, 0.75, 1 })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-small\" x=\"{F(X(tick) - 10)}\" y=\"{axis + 16}\">{tick * 100}%</text>");
        }
        for (var i = 0; i < groups.Length; i++)
        {
            var g = groups[i];
            var y = i * Row + 14;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"0\" y=\"{y + 4}\">{E(g.Name)}</text>");
            if (g.Hidden || g.Rate is null || g.Ci is null)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-small\" x=\"{LabelWidth}\" y=\"{y + 4}\">hidden: fewer than {r.MinGroup} people</text>");
                continue;
            }
            svg.Append(CultureInfo.InvariantCulture, $"<g><title>{E(g.Name)}: {ReportText.Percent(g.Rate)} (95% {ReportText.Percent(g.Ci[0])} to {ReportText.Percent(g.Ci[1])})</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-interval\" x1=\"{F(X(g.Ci[0]))}\" y1=\"{y}\" x2=\"{F(X(g.Ci[1]))}\" y2=\"{y}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-interval\" x1=\"{F(X(g.Ci[0]))}\" y1=\"{y - 5}\" x2=\"{F(X(g.Ci[0]))}\" y2=\"{y + 5}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-interval\" x1=\"{F(X(g.Ci[1]))}\" y1=\"{y - 5}\" x2=\"{F(X(g.Ci[1]))}\" y2=\"{y + 5}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"chart-dot\" cx=\"{F(X(g.Rate.Value))}\" cy=\"{y}\" r=\"5\"/></g>");
        }
        return Close(svg);
    }

    public static IHtmlContent Bars(string id, string title, IReadOnlyList<(string Label, double? Value, string Text)> bars, double max)
    {
        var svg = Open(id, title, bars.Count * Row + 8, string.Join("; ", bars.Select(b => $"{b.Label}: {b.Text}")));
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, text) = bars[i];
            var y = i * Row + 4;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"0\" y=\"{y + 15}\">{E(label.Length > 20 ? label[..19] + "…" : label)}<title>{E(label)}</title></text>");
            if (value is { } v)
            {
                Bar(svg, y, v, max, "bar-plan", text);
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-hidden\" x=\"{LabelWidth}\" y=\"{y + 15}\">{E(text)}</text>");
            }
        }
        return Close(svg);
    }

    private static void Bar(StringBuilder svg, int y, double value, double max, string css, string text)
    {
        var length = Math.Max(1, (Width - LabelWidth - ValueWidth) * value / max);
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{css}\" x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{F(length)}\" height=\"16\" rx=\"2\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-value\" x=\"{F(LabelWidth + length + 6)}\" y=\"{y + 15}\">{E(text)}</text>");
    }

    private static StringBuilder Open(string id, string title, int height, string description) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg class=\"report-chart\" id=\"chart-{id}\" viewBox=\"0 0 {Width} {Math.Max(height, 20)}\" role=\"img\" aria-labelledby=\"chart-{id}-title chart-{id}-desc\" preserveAspectRatio=\"xMinYMin meet\">"
            + $"<title id=\"chart-{id}-title\">{E(title)}</title><desc id=\"chart-{id}-desc\">{E(description)}</desc>");

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());
}
