namespace Mentoring.Features.Shared;

/// <summary>One bar: its total and, drawn over it, the part that needs attention.</summary>
public sealed record Bar(string Label, int Total, int Part = 0);

/// <summary>A horizontal bar chart drawn on the server as SVG (see _BarChart.cshtml).</summary>
public sealed record BarChart(string Id, string Title, string TotalLabel, string? PartLabel, IReadOnlyList<Bar> Bars)
{
    // The chart scales with its panel: this width keeps its text readable from a phone to a desktop.
    public const int Width = 380;
    public const int LabelWidth = 84;
    public const int ValueWidth = 84;
    public const int RowHeight = 34;
    public const int BarHeight = 20;

    public int Height => Bars.Count * RowHeight + 4;

    public int Max => Math.Max(1, Bars.Count == 0 ? 1 : Bars.Max(b => b.Total));

    public double BarWidth(int value) => (Width - LabelWidth - ValueWidth) * (double)value / Max;

    /// <summary>The chart's data in words, for screen readers.</summary>
    public string Description => string.Join("; ", Bars.Select(b =>
        $"{b.Label}: {Display.Number(b.Total)} {TotalLabel.ToLowerInvariant()}"
        + (PartLabel is null ? "" : $", {Display.Number(b.Part)} {PartLabel.ToLowerInvariant()}")));
}
