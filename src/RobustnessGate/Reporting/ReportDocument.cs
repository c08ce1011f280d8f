namespace RobustnessGate.Reporting;

/// <summary>
/// A report as a list of blocks, rendered to Markdown and to HTML from the same content so the two never disagree.
/// Inline text may use **bold**; everything else is literal.
/// </summary>
internal sealed class ReportDocument
{
    private readonly List<ReportBlock> _blocks = [];

    public IReadOnlyList<ReportBlock> Blocks => _blocks;

    public ReportDocument Heading(int level, string text) => Add(new HeadingBlock(level, text));

    public ReportDocument Paragraph(string text) => Add(new ParagraphBlock(text));

    public ReportDocument Bullets(IEnumerable<string> items) => Add(new BulletsBlock(items.ToList()));

    public ReportDocument Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) => Add(new TableBlock(header, rows.ToList()));

    /// <summary>An image by its path relative to the report (e.g. "plots/pareto-cw.png").</summary>
    public ReportDocument Image(string path, string alt) => Add(new ImageBlock(path, alt));

    private ReportDocument Add(ReportBlock block)
    {
        _blocks.Add(block);
        return this;
    }
}

internal abstract record ReportBlock;

internal sealed record HeadingBlock(int Level, string Text) : ReportBlock;

internal sealed record ParagraphBlock(string Text) : ReportBlock;

internal sealed record BulletsBlock(IReadOnlyList<string> Items) : ReportBlock;

internal sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;

internal sealed record ImageBlock(string Path, string Alt) : ReportBlock;
