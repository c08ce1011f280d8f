namespace RobustnessGate.Reporting;

/// <summary>
/// A report as a list of blocks, rendered to Markdown and to HTML from the same content so the two never disagree.
/// Inline text may use **bold** and in-page links [text](#anchor); everything else is literal. A heading's anchor is its
/// GitHub anchor (<see cref="Anchor"/>), so the same links work in the Markdown on GitHub and in the HTML.
/// </summary>
internal sealed class ReportDocument
{
    private readonly List<ReportBlock> _blocks = [];

    public IReadOnlyList<ReportBlock> Blocks => _blocks;

    public ReportDocument Heading(int level, string text) => Add(new HeadingBlock(level, text));

    /// <summary>A paragraph; <paramref name="cssClass"/> styles it in HTML only.</summary>
    public ReportDocument Paragraph(string text, string? cssClass = null) => Add(new ParagraphBlock(text, cssClass));

    /// <summary>A bullet list; <paramref name="cssClass"/> styles it in HTML only.</summary>
    public ReportDocument Bullets(IEnumerable<string> items, string? cssClass = null) => Add(new BulletsBlock(items.ToList(), cssClass));

    /// <summary>A table; <paramref name="cssClass"/> styles it in HTML only.</summary>
    public ReportDocument Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? cssClass = null) =>
        Add(new TableBlock(header, rows.ToList(), cssClass));

    /// <summary>An image by its path relative to the report (e.g. "plots/pareto-cw.png").</summary>
    public ReportDocument Image(string path, string alt) => Add(new ImageBlock(path, alt));

    /// <summary>A row of small figures (HTML: a grid of thumbnails, each linking to the full-size plot further down).</summary>
    public ReportDocument Figures(IEnumerable<Figure> figures) => Add(new FiguresBlock(figures.ToList()));

    /// <summary>Appends every block of <paramref name="other"/>.</summary>
    public ReportDocument Append(ReportDocument other)
    {
        _blocks.AddRange(other.Blocks);
        return this;
    }

    /// <summary>
    /// GitHub's heading anchor: lower case, punctuation other than '-' and '_' removed, each space a '-' (e.g.
    /// "cw, untargeted (L2)" -> "cw-untargeted-l2"). A repeated heading gets "-1", "-2", ... (see <see cref="Anchors"/>).
    /// </summary>
    public static string Anchor(string heading) =>
        new string(heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ').ToArray()).Replace(' ', '-');

    /// <summary>The anchor of every heading in document order, with GitHub's "-n" suffix on repeats.</summary>
    public IReadOnlyList<string> Anchors()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var h in _blocks.OfType<HeadingBlock>())
        {
            var a = Anchor(h.Text);
            if (seen.TryGetValue(a, out int n))
            {
                seen[a] = n + 1;
                a = $"{a}-{n}";
            }
            else
            {
                seen[a] = 1;
            }
            result.Add(a);
        }
        return result;
    }

    /// <summary>The HTML id of a full-size image: "plot-" and its file name without extension.</summary>
    public static string ImageId(string path) => "plot-" + System.IO.Path.GetFileNameWithoutExtension(path);

    /// <summary>An in-page Markdown link to <paramref name="heading"/>.</summary>
    public static string Link(string text, string heading) => $"[{text}](#{Anchor(heading)})";

    private ReportDocument Add(ReportBlock block)
    {
        _blocks.Add(block);
        return this;
    }
}

internal abstract record ReportBlock;

internal sealed record HeadingBlock(int Level, string Text) : ReportBlock;

internal sealed record ParagraphBlock(string Text, string? Class = null) : ReportBlock;

internal sealed record BulletsBlock(IReadOnlyList<string> Items, string? Class = null) : ReportBlock;

internal sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, string? Class = null) : ReportBlock;

internal sealed record ImageBlock(string Path, string Alt) : ReportBlock;

/// <summary>A small figure: the plot's path, its alt text and a caption.</summary>
internal sealed record Figure(string Path, string Alt, string Caption);

internal sealed record FiguresBlock(IReadOnlyList<Figure> Figures) : ReportBlock;
