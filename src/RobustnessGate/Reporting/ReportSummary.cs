using RobustnessGate.Study;
using RobustnessGate.Study.Analysis;

namespace RobustnessGate.Reporting;

/// <summary>
/// The first screen of the study report: one line of provenance, the four findings as a table (verdict, the number that
/// decides it, what it rests on), the headline plots side by side, and the contents linking to every section below.
/// </summary>
internal static class ReportSummary
{
    /// <summary>The heading of a finding's section in <see cref="FindingsSection"/> (the summary links to it).</summary>
    public static string FindingHeading(Finding f) => $"Finding {f.Number}: {f.ShortClaim}";

    public static ReportDocument Top(StudyResults study, StudyAnalysis analysis, ReportDocument body)
    {
        var doc = new ReportDocument().Heading(1, StudyReport.Title)
            .Paragraph($"**These are our own measurements, not the paper's numbers.** Study: {study.Description}. "
                + $"Data: {study.Dataset.Name}, {study.Dataset.Count} images (sha256 {Short(study.Dataset.Sha256)}); {study.Models.Count} models. "
                + $"Engine: {study.Engine}.", "provenance");
        doc.Table(["finding", "verdict", "deciding number", "n"], analysis.Findings.Select(f => (IReadOnlyList<string>)
            [ReportDocument.Link($"({f.Number}) {f.ShortClaim}", FindingHeading(f)), StudyReport.Verdict(f.Verdict), f.Deciding, f.Basis]), "findings");
        var figures = Headline(study, analysis);
        if (figures.Count > 0)
            doc.Figures(figures);
        doc.Paragraph("Sections (each finding's numbers in small tables, every case in " + ReportDocument.Link(FindingsSection.Heading, FindingsSection.Heading) + "):", "contents-label");
        doc.Bullets(body.Blocks.OfType<HeadingBlock>().Where(h => h.Level == 2).Select(h => ReportDocument.Link(h.Text, h.Text)), "contents");
        return doc;
    }

    // The scaling law and frontier of the condition that decides finding 1 (else the first one), and the untargeted
    // transfer heatmap of the attack that decides finding 4 (else the first untargeted matrix).
    private static List<Figure> Headline(StudyResults study, StudyAnalysis analysis)
    {
        var figures = new List<Figure>();
        var subject = analysis.Findings.FirstOrDefault(f => f.Number == 1)?.Subject;
        var c = analysis.Conditions.FirstOrDefault(x => x.Label == subject) ?? analysis.Conditions.FirstOrDefault();
        if (c is not null && PlotNames.HasScaling(c))
            figures.Add(new Figure(PlotNames.Scaling(c), $"mean {c.Norm} distortion against top-1 error, {c.Attack}",
                $"Scaling law, {c.Attack} {c.Target} ({c.Norm}): finding 1"));
        if (c is not null && PlotNames.HasPareto(c))
            figures.Add(new Figure(PlotNames.Pareto(c), $"accuracy against mean {c.Norm} distortion, {c.Attack}",
                $"Pareto frontier, {c.Attack} {c.Target} ({c.Norm}): finding 2"));
        var attack = analysis.Findings.FirstOrDefault(f => f.Number == 4)?.Subject;
        var untargeted = analysis.TransferOverview.Where(o => o.TargetMode == "untargeted").ToList();
        var o = untargeted.FirstOrDefault(x => x.Attack == attack) ?? untargeted.FirstOrDefault();
        if (o is not null && study.Transfer is { Count: > 0 })
            figures.Add(new Figure(PlotNames.Transfer(o), $"{o.Attack} untargeted transfer rates", $"Transfer, {o.Attack} untargeted: finding 4"));
        return figures;
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
