using System.Text;

namespace RobustnessGate.Reporting;

/// <summary>Renders a <see cref="ReportDocument"/> as GitHub-flavoured Markdown with LF line endings.</summary>
internal static class MarkdownRenderer
{
    public static string Render(ReportDocument document)
    {
        var sb = new StringBuilder();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    sb.Append('#', h.Level).Append(' ').Append(h.Text).Append('\n');
                    break;
                case ParagraphBlock p:
                    sb.Append(p.Text).Append('\n');
                    break;
                case BulletsBlock b:
                    foreach (var item in b.Items)
                        sb.Append("- ").Append(item).Append('\n');
                    break;
                case TableBlock t:
                    sb.Append(Row(t.Header)).Append(Row(t.Header.Select(_ => "---").ToList()));
                    foreach (var r in t.Rows)
                        sb.Append(Row(r));
                    break;
                case ImageBlock i:
                    sb.Append("![").Append(i.Alt).Append("](").Append(i.Path).Append(")\n");
                    break;
                case FiguresBlock f:
                    // A one-row table puts the figures side by side on GitHub; each links to its full-size file.
                    sb.Append(Row(f.Figures.Select(x => x.Caption).ToList())).Append(Row(f.Figures.Select(_ => "---").ToList()))
                      .Append(Row(f.Figures.Select(x => $"[![{x.Alt}]({x.Path})]({x.Path})").ToList()));
                    break;
            }
            sb.Append('\n');
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    private static string Row(IReadOnlyList<string> cells) => "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |\n";
}
