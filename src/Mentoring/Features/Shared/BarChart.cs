namespace Mentoring.Features.Shared;

/// <summary>
/// One bar: its total and, drawn over it, the part that needs attention. <paramref name="Detail"/>
/// (a department, an office) tells apart bars whose labels are the same.
/// </summary>
public sealed record Bar(string Label, int Total, int Part = 0, string? Detail = null);

/// <summary>A horizontal bar chart drawn on the server as SVG (see _BarChart.cshtml).</summary>
public sealed record BarChart(string Id, string Title, string TotalLabel, string? PartLabel, IReadOnlyList<Bar> Bars)
{
    // The chart scales with its panel: this width keeps its text readable from a phone to a desktop.
    public const int Width = 380;
    public const int ValueWidth = 84;
    // Each row: its label on a line of its own across the whole width (so names are not cut), the bar below.
    public const int LabelHeight = 18;
    public const int BarHeight = 20;
    public const int RowHeight = LabelHeight + BarHeight + 12;

    public int Height => Bars.Count * RowHeight + 4;

    public int Max => Math.Max(1, Bars.Count == 0 ? 1 : Bars.Max(b => b.Total));

    public double BarWidth(int value) => (Width - ValueWidth) * (double)value / Max;

    /// <summary>The label as shown: with its detail when another bar has the same label.</summary>
    public string LabelOf(Bar bar) =>
        bar.Detail is { Length: > 0 } detail && Bars.Count(b => string.Equals(b.Label, bar.Label, StringComparison.OrdinalIgnoreCase)) > 1
            ? $"{bar.Label} ({detail})"
            : bar.Label;

    /// <summary>The whole label and its detail, for the row's tooltip.</summary>
    public static string TooltipOf(Bar bar) => bar.Detail is { Length: > 0 } detail ? $"{bar.Label} ({detail})" : bar.Label;

    /// <summary>The chart's data in words, for screen readers.</summary>
    public string Description => string.Join("; ", Bars.Select(b =>
        $"{LabelOf(b)}: {Display.Number(b.Total)} {TotalLabel.ToLowerInvariant()}"
        + (PartLabel is null ? "" : $", {Display.Number(b.Part)} {PartLabel.ToLowerInvariant()}")));
}
