using RobustnessGate.Study;
using RobustnessGate.Study.Analysis;
using static RobustnessGate.Study.NumberText;

namespace RobustnessGate.Reporting;

/// <summary>
/// The transferability section: "not measured" or the family summary of every matrix (attack x target mode), a heatmap
/// per matrix ordered by family, and the untargeted matrices as tables.
/// </summary>
internal static class TransferSection
{
    public static void Append(ReportDocument doc, StudyResults study, StudyAnalysis analysis)
    {
        doc.Heading(2, "Transferability");
        if (study.Transfer is null || study.Transfer.Count == 0)
        {
            doc.Paragraph("Not measured in this run.");
            return;
        }
        doc.Paragraph("The successful examples each attack cell made on a source model (made once, stored with the cell and reused "
            + "on resumption) are classified by every other model. An example counts only when the target classifies its clean "
            + "image correctly. Untargeted, it succeeds when the target's top-1 differs from the label; targeted, when the target's "
            + "top-1 is the source's target class (the top-5 matching rate beside it). **Failed source examples are excluded** "
            + "(Su et al.'s reference code kept them). Rates are pooled: succeeded / counted over the pairs of a group.");
        doc.Heading(3, "Family summary");
        doc.Table(["attack", "target mode", "within family", "across families", "source family transferring most", "its cross-family rate", "examples counted"],
            analysis.TransferOverview.Select(o => (IReadOnlyList<string>)[o.Attack, o.TargetMode, Percent(o.WithinFamily), Percent(o.CrossFamily),
                o.TopSourceFamily ?? "none", Percent(o.TopCrossFamily), StudyReport.I(o.Counted)]));
        var finding = analysis.Findings.FirstOrDefault(f => f.Number == 4);
        if (finding is not null)
            doc.Paragraph($"**Finding (4)**: **{StudyReport.Verdict(finding.Verdict)}**. Deciding: {finding.Deciding}"
                + (finding.Basis.Length == 0 ? "" : $" ({finding.Basis})") + ". Every attack: "
                + ReportDocument.Link(ReportSummary.FindingHeading(finding), ReportSummary.FindingHeading(finding)) + ".");

        foreach (var o in analysis.TransferOverview)
        {
            bool targeted = o.TargetMode != "untargeted";
            doc.Heading(3, $"{o.Attack}, {o.TargetMode}");
            doc.Image(PlotNames.Transfer(o), $"{o.Attack} {o.TargetMode} transfer rates, sources by family (rows) against targets by family (columns)");
            doc.Table(targeted ? ["source family", "within family", "across families", "across families (top-5)", "pairs"] : ["source family", "within family", "across families", "pairs"],
                analysis.Transfer.Where(x => x.Attack == o.Attack && x.TargetMode == o.TargetMode).Select(x => (IReadOnlyList<string>)(targeted
                    ? [x.SourceFamily, Percent(x.WithinFamily), Percent(x.CrossFamily), Percent(x.CrossFamilyTop5), StudyReport.I(x.Pairs)]
                    : [x.SourceFamily, Percent(x.WithinFamily), Percent(x.CrossFamily), StudyReport.I(x.Pairs)])));
            if (targeted)
                continue;
            var cells = study.Transfer.Where(t => t.Attack == o.Attack && t.TargetMode == o.TargetMode).ToList();
            var models = TransferHeatmap.ByFamily(study).Select(m => m.Name).Where(m => cells.Any(t => t.Source == m || t.Target == m)).ToList();
            doc.Table(["source \\ target", .. models], models.Select(s => (IReadOnlyList<string>)
                [s, .. models.Select(t => s == t ? "-" : Percent(cells.FirstOrDefault(x => x.Source == s && x.Target == t)?.SuccessRate))]));
        }
    }
}
