using System.Globalization;
using System.Text.RegularExpressions;

namespace Mentoring.Features.Cohorts;

/// <summary>A word placed in the cloud: its size and where its baseline starts, in SVG units.</summary>
public sealed record CloudWord(string Text, int Count, double X, double Y, double Size, int Shade);

/// <summary>The words of a cohort's kudos, laid out for a server-rendered SVG: no script, no front-end build.</summary>
public sealed partial record WordCloud(IReadOnlyList<CloudWord> Words, double Width, double Height)
{
    public const double CloudWidth = 640;

    private const double MinSize = 14;
    private const double MaxSize = 40;

    /// <summary>Common English words that say nothing about what people are thanked for.</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before",
        "being", "but", "by", "can", "could", "did", "do", "does", "doing", "done", "for", "from", "got", "had", "has", "have", "having",
        "he", "her", "here", "hers", "him", "his", "how", "i", "i'm", "if", "in", "into", "is", "it", "it's", "its", "just", "me", "more",
        "most", "much", "my", "no", "not", "now", "of", "on", "once", "one", "only", "or", "our", "out", "over", "really", "so", "some",
        "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "up",
        "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would", "you",
        "you're", "your", "yours", "thanks", "thank", "kudos",
    };

    /// <summary>The most frequent words of <paramref name="texts"/>, stop words and very short words left out.</summary>
    public static IReadOnlyList<(string Word, int Count)> Count(IEnumerable<string> texts, int take = 40) =>
        texts.SelectMany(t => Word().Matches(t.ToLowerInvariant()).Select(m => m.Value.Trim('\'')))
            .Where(w => w.Length >= 3 && !StopWords.Contains(w))
            .GroupBy(w => w, StringComparer.Ordinal)
            .Select(g => (Word: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Word, StringComparer.Ordinal)
            .Take(take).ToList();

    /// <summary>
    /// Lays the words out in centred rows, biggest first so the most said words lead: a size from
    /// the count, a width estimated from the letters (a bold letter of the page's font is about 0.68 em wide).
    /// </summary>
    public static WordCloud Of(IEnumerable<string> texts)
    {
        var counts = Count(texts);
        if (counts.Count == 0)
        {
            return new WordCloud([], CloudWidth, 0);
        }
        var max = counts[0].Count;
        var min = counts[^1].Count;
        var rows = new List<List<(string Word, int Count, double Size, double Width)>>();
        var current = new List<(string Word, int Count, double Size, double Width)>();
        double used = 0;
        const double gap = 16;
        foreach (var (word, count) in counts)
        {
            var size = max == min ? (MinSize + MaxSize) / 2 : MinSize + (MaxSize - MinSize) * (count - min) / (max - min);
            var width = word.Length * size * 0.68;
            if (current.Count > 0 && used + gap + width > CloudWidth)
            {
                rows.Add(current);
                current = [];
                used = 0;
            }
            used += (current.Count > 0 ? gap : 0) + width;
            current.Add((word, count, size, width));
        }
        rows.Add(current);

        var placed = new List<CloudWord>();
        double y = 0;
        var index = 0;
        foreach (var row in rows)
        {
            var height = row.Max(w => w.Size);
            y += height * 1.15;
            var rowWidth = row.Sum(w => w.Width) + gap * (row.Count - 1);
            var x = (CloudWidth - rowWidth) / 2;
            foreach (var (word, count, size, width) in row)
            {
                placed.Add(new CloudWord(word, count, Math.Round(x, 1), Math.Round(y, 1), Math.Round(size, 1), index++ % 4));
                x += width + gap;
            }
        }
        return new WordCloud(placed, CloudWidth, Math.Ceiling(y + 8));
    }

    /// <summary>
    /// The cloud as an SVG image (presentation attributes only, so the strict CSP holds), its title
    /// reading out every word with its count for those who cannot see it. Words are encoded.
    /// </summary>
    public Microsoft.AspNetCore.Html.IHtmlContent Svg()
    {
        static string E(string text) => System.Net.WebUtility.HtmlEncode(text);
        var svg = new System.Text.StringBuilder();
        svg.Append("<svg class=\"cloud\" viewBox=\"0 0 ").Append(Number(Width)).Append(' ').Append(Number(Height))
            .Append("\" role=\"img\" aria-labelledby=\"cloud-title\"><title id=\"cloud-title\">Words most used in kudos: ")
            .Append(E(string.Join(", ", Words.Select(w => $"{w.Text} ({w.Count})")))).Append("</title>");
        foreach (var w in Words)
        {
            svg.Append("<text x=\"").Append(Number(w.X)).Append("\" y=\"").Append(Number(w.Y)).Append("\" font-size=\"").Append(Number(w.Size))
                .Append("\" class=\"cloud-word cloud-shade-").Append(w.Shade.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append(E(w.Text)).Append("</text>");
        }
        svg.Append("</svg>");
        return new Microsoft.AspNetCore.Html.HtmlString(svg.ToString());
    }

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"[\p{L}][\p{L}'’-]*")]
    private static partial Regex Word();
}
