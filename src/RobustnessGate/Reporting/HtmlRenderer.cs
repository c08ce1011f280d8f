using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace RobustnessGate.Reporting;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML file: inline CSS, and every image embedded as a
/// base64 data URI (looked up by its relative path), so the file can be mailed or archived alone. Headings carry their
/// GitHub anchors as ids and full-size plots an id of their own, so in-page links and thumbnails lead to them.
/// </summary>
internal static partial class HtmlRenderer
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 68rem; margin: 1.5rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
        h1 { font-size: 1.6rem; margin: 0 0 0.3rem; }
        h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 2.2rem; }
        .provenance { color: #555; font-size: 0.9rem; margin: 0 0 0.8rem; }
        table { border-collapse: collapse; margin: 0.4rem 0 1rem; font-size: 0.88rem; display: block; overflow-x: auto; max-width: 100%; }
        th, td { border: 1px solid #d4d4d4; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
        th { background: #f2f2f2; }
        tr:nth-child(even) td { background: #fafafa; }
        td.reproduced { color: #1a7f37; font-weight: 600; }
        td.not-reproduced { color: #b42318; font-weight: 600; }
        td.inconclusive { color: #9a6700; font-weight: 600; }
        td.not-measured { color: #777; font-weight: 600; }
        img { max-width: 100%; border: 1px solid #ddd; margin: 0.5rem 0; }
        img:target { outline: 3px solid #f0a030; }
        .figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.6rem; margin: 0.5rem 0; }
        .figures figure { margin: 0; }
        .figures img { margin: 0; height: 13rem; width: 100%; object-fit: contain; background: #fff; }
        .figures figcaption { font-size: 0.8rem; color: #555; }
        table.findings { display: table; width: 100%; }
        table.findings td:first-child { width: 15rem; }
        table.findings td:last-child { white-space: nowrap; }
        p.contents-label { margin: 0.6rem 0 0; font-weight: 600; font-size: 0.9rem; }
        ul.contents { columns: 4; font-size: 0.88rem; padding-left: 1.2rem; margin: 0.2rem 0; }
        code { background: #f4f4f4; padding: 0 0.2rem; }
        a { color: #0b5cad; text-decoration: none; }
        a:hover { text-decoration: underline; }
        """;

    public static string Render(ReportDocument document, string title, IReadOnlyDictionary<string, byte[]> images)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
          .Append(WebUtility.HtmlEncode(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        var anchors = document.Anchors();
        int heading = 0;
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    sb.Append($"<h{h.Level} id=\"{anchors[heading++]}\">").Append(Inline(h.Text)).Append($"</h{h.Level}>\n");
                    break;
                case ParagraphBlock p:
                    sb.Append(p.Class is null ? "<p>" : $"<p class=\"{p.Class}\">").Append(Inline(p.Text)).Append("</p>\n");
                    break;
                case BulletsBlock b:
                    sb.Append(b.Class is null ? "<ul>\n" : $"<ul class=\"{b.Class}\">\n");
                    foreach (var item in b.Items)
                        sb.Append("<li>").Append(Inline(item)).Append("</li>\n");
                    sb.Append("</ul>\n");
                    break;
                case TableBlock t:
                    sb.Append(t.Class is null ? "<table>\n<tr>" : $"<table class=\"{t.Class}\">\n<tr>").AppendJoin("", t.Header.Select(c => "<th>" + Inline(c) + "</th>")).Append("</tr>\n");
                    foreach (var r in t.Rows)
                        sb.Append("<tr>").AppendJoin("", r.Select(c => Cell(c))).Append("</tr>\n");
                    sb.Append("</table>\n");
                    break;
                case ImageBlock i:
                    sb.Append("<img id=\"").Append(ReportDocument.ImageId(i.Path)).Append("\" alt=\"").Append(WebUtility.HtmlEncode(i.Alt))
                      .Append("\" src=\"").Append(DataUri(images, i.Path)).Append("\">\n");
                    break;
                case FiguresBlock f:
                    sb.Append("<div class=\"figures\">\n");
                    foreach (var fig in f.Figures)
                    {
                        sb.Append("<figure><a href=\"#").Append(ReportDocument.ImageId(fig.Path)).Append("\" title=\"full size\"><img alt=\"")
                          .Append(WebUtility.HtmlEncode(fig.Alt)).Append("\" src=\"").Append(DataUri(images, fig.Path)).Append("\"></a><figcaption>")
                          .Append(Inline(fig.Caption)).Append("</figcaption></figure>\n");
                    }
                    sb.Append("</div>\n");
                    break;
            }
        }
        return sb.Append("</body>\n</html>\n").ToString();
    }

    private static string DataUri(IReadOnlyDictionary<string, byte[]> images, string path) => images.TryGetValue(path, out var png)
        ? "data:image/png;base64," + Convert.ToBase64String(png)
        : throw new InvalidOperationException($"the report shows {path} but no image was rendered for it");

    // A verdict cell gets a class for its colour; the text says the same, so nothing depends on the colour.
    private static string Cell(string text) => text switch
    {
        "reproduced" or "not reproduced" or "inconclusive" or "not measured" => $"<td class=\"{text.Replace(' ', '-')}\">{text}</td>",
        _ => "<td>" + Inline(text) + "</td>",
    };

    private static string Inline(string text) =>
        Link().Replace(Code().Replace(Bold().Replace(WebUtility.HtmlEncode(text), "<strong>$1</strong>"), "<code>$1</code>"), "<a href=\"#$2\">$1</a>");

    [GeneratedRegex(@"\[([^\]]+)\]\(#([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex("`(.+?)`")]
    private static partial Regex Code();
}
