using RobustnessGate.Study.Analysis;

namespace RobustnessGate.Reporting;

/// <summary>
/// Each finding in full, below the per-attack sections: the claim, the verdict, every case of its evidence as a bullet
/// and the rule that decided it. The summary table on top shows only the deciding case.
/// </summary>
internal static class FindingsSection
{
    public const string Heading = "Findings in detail";

    public static void Append(ReportDocument doc, StudyAnalysis analysis)
    {
        doc.Heading(2, Heading);
        doc.Paragraph("The paper (Su et al., ECCV 2018, 18 ImageNet models) publishes no result tables this project could use, so "
            + "only its four qualitative findings are compared; every number in this report was measured in the study named on top "
            + "(or, for a synthetic sample, invented by its generator).");
        foreach (var f in analysis.Findings)
        {
            doc.Heading(3, ReportSummary.FindingHeading(f));
            doc.Paragraph($"{f.Claim} **Verdict: {StudyReport.Verdict(f.Verdict)}.**");
            doc.Bullets(f.Evidence.Split("; "));
            doc.Paragraph($"Rule: {f.Rule}");
        }
    }
}
