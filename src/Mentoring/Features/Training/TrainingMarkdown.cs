using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Mentoring.Features.Training;

/// <summary>
/// Articles in Markdown, rendered safely: raw HTML in the text is shown as text (never as markup),
/// and a link or image may only point at http(s), mailto or this site. No extension that lets the
/// text set attributes (generic attributes) is enabled.
/// </summary>
public static class TrainingMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseListExtras()
        .UseAutoLinks()
        .Build();

    public static string ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }
        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsSafe(link.Url) && !link.IsEmail)
            {
                link.Url = "#";
            }
        }
        return document.ToHtml(Pipeline);
    }

    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }
        var u = url.Trim();
        if (u.StartsWith('#') || (u.StartsWith('/') && !u.StartsWith("//", StringComparison.Ordinal)))
        {
            return true;
        }
        return Uri.TryCreate(u, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "mailto";
    }
}
