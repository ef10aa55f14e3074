using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Mentoring.Features.Reports;

/// <summary>
/// The program report as a PDF (PDFsharp, MIT): the same figures and charts as the printable page,
/// on A4. The font (Liberation Sans, SIL OFL) ships inside the app, so the PDF looks the same on
/// any server, with or without fonts installed.
/// </summary>
public static class ReportPdf
{
    private const double Margin = 48;
    private static readonly XColor Ink = XColor.FromArgb(0x1f, 0x29, 0x37);
    private static readonly XColor Muted = XColor.FromArgb(0x55, 0x5f, 0x6d);
    private static readonly XColor Accent = XColor.FromArgb(0x1d, 0x4e, 0xd8);
    private static readonly XColor Light = XColor.FromArgb(0xc7, 0xd2, 0xfe);

    static ReportPdf()
    {
        if (GlobalFontSettings.FontResolver is null)
        {
            GlobalFontSettings.FontResolver = new EmbeddedFonts();
        }
    }

    public static byte[] Write(ProgramReport report)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"{report.Program.Name}: program report as of {report.AsOf}";
        var page = new Page(document);
        var r = report;
        page.Title(r.Program.Name);
        page.Line($"Program report as of {r.AsOf}. Groups under {r.MinGroup} people are hidden.", Muted);

        page.Heading("Coverage");
        page.Bars("Juniors reached, step by step", [
            ("Juniors", r.Coverage.Juniors), ("Enrolled", r.Coverage.Enrolled), ("Matched", r.Coverage.Matched),
            ("Reached", r.Coverage.Reached), ("Reached within 30 days", r.Coverage.ReachedWithin30Days)]);
        page.Line(ReportText.Coverage(r), Muted);

        page.Heading("Reach by segment");
        page.Bars("Share of juniors reached, by department", r.Equity.Segments.Where(s => s.By == "department")
            .Select(s => (Label: s.Value ?? "(none)", Value: s.Rate is { } rate ? rate * 100 : (double?)null)).ToList(), percent: true);
        page.Line(ReportText.Equity(r), Muted);

        page.Heading("Office days");
        page.Bars("Office days per host: this program against the mandate", r.Hosts.Take(12)
            .SelectMany(h => new[] { (Label: h.Name, Value: (double?)h.OfficeDays), (Label: "  mandate", Value: (double?)h.MandateDays) }).ToList());
        page.Line(ReportText.OfficeDays(r), Muted);

        page.Heading("Engagement");
        page.Line(ReportText.Engagement(r), Ink);

        page.Heading("Retention");
        page.Intervals("Share who stayed, with 95% Wilson intervals", [
            ("Mentees", r.Retention.Mentees.Rate, r.Retention.Mentees.Ci95), ("Mentors", r.Retention.Mentors.Rate, r.Retention.Mentors.Ci95),
            ("Participants", r.Retention.Participants.Rate, r.Retention.Participants.Ci95),
            ("Non-participants", r.Retention.NonParticipants.Rate, r.Retention.NonParticipants.Ci95)]);
        foreach (var (name, g) in ReportText.RetentionRows(r))
        {
            page.Line(g, name == "caveat" ? Muted : Ink);
        }
        page.Line(r.Retention.Caveat, Muted);
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>Writes down an A4 page, starting a new one when the next block would not fit.</summary>
    private sealed class Page(PdfDocument document)
    {
        private readonly XFont title = new("Liberation Sans", 18, XFontStyleEx.Bold);
        private readonly XFont heading = new("Liberation Sans", 12, XFontStyleEx.Bold);
        private readonly XFont body = new("Liberation Sans", 9);
        private PdfPage? page;
        private XGraphics? graphics;
        private double y;

        private XGraphics G(double needed)
        {
            if (graphics is null || y + needed > page!.Height.Point - Margin)
            {
                graphics?.Dispose();
                page = document.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                graphics = XGraphics.FromPdfPage(page);
                y = Margin;
            }
            return graphics;
        }

        private double Width => page!.Width.Point - 2 * Margin;

        public void Title(string text)
        {
            G(30).DrawString(text, title, new XSolidBrush(Ink), new XRect(Margin, y, Width, 24), XStringFormats.TopLeft);
            y += 28;
        }

        public void Heading(string text)
        {
            y += 8;
            G(40).DrawString(text, heading, new XSolidBrush(Ink), new XRect(Margin, y, Width, 16), XStringFormats.TopLeft);
            y += 18;
        }

        /// <summary>A paragraph, wrapped to the page's width.</summary>
        public void Line(string text, XColor colour)
        {
            var g = G(14);
            foreach (var line in Wrap(g, text, body, Width))
            {
                g = G(13);
                g.DrawString(line, body, new XSolidBrush(colour), new XRect(Margin, y, Width, 12), XStringFormats.TopLeft);
                y += 12;
            }
            y += 4;
        }

        public void Bars(string caption, IReadOnlyList<(string Label, double? Value)> bars, bool percent = false)
        {
            var g = G(16 + Math.Min(bars.Count, 3) * 16);
            g.DrawString(caption, body, new XSolidBrush(Muted), new XRect(Margin, y, Width, 12), XStringFormats.TopLeft);
            y += 14;
            var max = percent ? 100 : Math.Max(1, bars.Where(b => b.Value is not null).Select(b => b.Value!.Value).DefaultIfEmpty(1).Max());
            const double labelWidth = 150, valueWidth = 60;
            foreach (var (label, value) in bars)
            {
                g = G(16);
                g.DrawString(Fit(g, label, labelWidth - 6), body, new XSolidBrush(Ink), new XRect(Margin, y, labelWidth, 12), XStringFormats.TopLeft);
                var shown = value is { } v ? (percent ? v.ToString("0.#", CultureInfo.InvariantCulture) + "%" : v.ToString("0.##", CultureInfo.InvariantCulture)) : "hidden (fewer than k)";
                if (value is { } w)
                {
                    var length = Math.Max(1, (Width - labelWidth - valueWidth) * w / max);
                    g.DrawRectangle(new XSolidBrush(label.StartsWith("  ", StringComparison.Ordinal) ? Light : Accent), Margin + labelWidth, y + 1, length, 10);
                    g.DrawString(shown, body, new XSolidBrush(Ink), new XRect(Margin + labelWidth + length + 4, y, valueWidth + 60, 12), XStringFormats.TopLeft);
                }
                else
                {
                    g.DrawString(shown, body, new XSolidBrush(Muted), new XRect(Margin + labelWidth, y, Width - labelWidth, 12), XStringFormats.TopLeft);
                }
                y += 14;
            }
            y += 4;
        }

        /// <summary>Each group's rate as a dot on 0–100%, its interval as a line with end ticks.</summary>
        public void Intervals(string caption, IReadOnlyList<(string Label, double? Rate, double[]? Ci)> rows)
        {
            var g = G(16 + rows.Count * 16 + 14);
            g.DrawString(caption, body, new XSolidBrush(Muted), new XRect(Margin, y, Width, 12), XStringFormats.TopLeft);
            y += 14;
            const double labelWidth = 150;
            double X(double rate) => Margin + labelWidth + rate * (Width - labelWidth - 10);
            var pen = new XPen(Ink, 1.2);
            foreach (var (label, rate, ci) in rows)
            {
                g.DrawString(label, body, new XSolidBrush(Ink), new XRect(Margin, y, labelWidth, 12), XStringFormats.TopLeft);
                if (rate is { } p && ci is { Length: 2 })
                {
                    var middle = y + 6;
                    g.DrawLine(pen, X(ci[0]), middle, X(ci[1]), middle);
                    g.DrawLine(pen, X(ci[0]), middle - 4, X(ci[0]), middle + 4);
                    g.DrawLine(pen, X(ci[1]), middle - 4, X(ci[1]), middle + 4);
                    g.DrawEllipse(new XSolidBrush(Accent), X(p) - 3.5, middle - 3.5, 7, 7);
                }
                else
                {
                    g.DrawString("hidden (fewer than k)", body, new XSolidBrush(Muted), new XRect(Margin + labelWidth, y, Width - labelWidth, 12), XStringFormats.TopLeft);
                }
                y += 16;
            }
            var axis = new XPen(Muted, 0.5);
            g.DrawLine(axis, X(0), y, X(1), y);
            foreach (var tick in new[] { 0, 0.25, 0.5, 0.75, 1 })
            {
                g.DrawString($"{tick * 100:0}%", body, new XSolidBrush(Muted), new XRect(X(tick) - 10, y + 2, 30, 12), XStringFormats.TopLeft);
            }
            y += 20;
        }

        private static string Fit(XGraphics g, string text, double width)
        {
            if (g.MeasureString(text, new XFont("Liberation Sans", 9)).Width <= width)
            {
                return text;
            }
            while (text.Length > 1 && g.MeasureString(text + "…", new XFont("Liberation Sans", 9)).Width > width)
            {
                text = text[..^1];
            }
            return text + "…";
        }

        private static IEnumerable<string> Wrap(XGraphics g, string text, XFont font, double width)
        {
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var next = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && g.MeasureString(next, font).Width > width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = next;
                }
            }
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }

    /// <summary>Liberation Sans, regular and bold, from the app's own resources.</summary>
    private sealed class EmbeddedFonts : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "LiberationSans-Bold" : "LiberationSans-Regular");

        public byte[]? GetFont(string faceName)
        {
            using var stream = typeof(ReportPdf).Assembly.GetManifestResourceStream($"Mentoring.Features.Reports.Fonts.{faceName}.ttf");
            if (stream is null)
            {
                return null;
            }
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
