using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace RobustnessGate.Reporting;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML file: inline CSS, and every image embedded as a
/// base64 data URI (looked up by its relative path), so the file can be mailed or archived alone.
/// </summary>
internal static partial class HtmlRenderer
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
        th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; }
        th { background: #f2f2f2; }
        img { max-width: 100%; border: 1px solid #ddd; margin: 0.5rem 0; }
        code { background: #f4f4f4; padding: 0 0.2rem; }
        """;

    public static string Render(ReportDocument document, string title, IReadOnlyDictionary<string, byte[]> images)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
          .Append(WebUtility.HtmlEncode(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    sb.Append($"<h{h.Level}>").Append(Inline(h.Text)).Append($"</h{h.Level}>\n");
                    break;
                case ParagraphBlock p:
                    sb.Append("<p>").Append(Inline(p.Text)).Append("</p>\n");
                    break;
                case BulletsBlock b:
                    sb.Append("<ul>\n");
                    foreach (var item in b.Items)
                        sb.Append("<li>").Append(Inline(item)).Append("</li>\n");
                    sb.Append("</ul>\n");
                    break;
                case TableBlock t:
                    sb.Append("<table>\n<tr>").AppendJoin("", t.Header.Select(c => "<th>" + Inline(c) + "</th>")).Append("</tr>\n");
                    foreach (var r in t.Rows)
                        sb.Append("<tr>").AppendJoin("", r.Select(c => "<td>" + Inline(c) + "</td>")).Append("</tr>\n");
                    sb.Append("</table>\n");
                    break;
                case ImageBlock i:
                    if (!images.TryGetValue(i.Path, out var png))
                        throw new InvalidOperationException($"the report shows {i.Path} but no image was rendered for it");
                    sb.Append("<img alt=\"").Append(WebUtility.HtmlEncode(i.Alt)).Append("\" src=\"data:image/png;base64,")
                      .Append(Convert.ToBase64String(png)).Append("\">\n");
                    break;
            }
        }
        return sb.Append("</body>\n</html>\n").ToString();
    }

    private static string Inline(string text) =>
        Code().Replace(Bold().Replace(WebUtility.HtmlEncode(text), "<strong>$1</strong>"), "<code>$1</code>");

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex("`(.+?)`")]
    private static partial Regex Code();
}
