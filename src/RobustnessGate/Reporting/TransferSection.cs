using RobustnessGate.Study;
using RobustnessGate.Study.Analysis;
using static RobustnessGate.Study.NumberText;

namespace RobustnessGate.Reporting;

/// <summary>The transferability section: "not measured" or, per attack, the source x target matrix and the family summary.</summary>
internal static class TransferSection
{
    public static void Append(ReportDocument doc, StudyResults study, IReadOnlyList<TransferSummary> summaries)
    {
        doc.Heading(2, "Transferability");
        if (study.Transfer is null || study.Transfer.Count == 0)
        {
            doc.Paragraph("Not measured in this run.");
            return;
        }
        foreach (var attack in study.Transfer.Select(t => t.Attack).Distinct())
        {
            var cells = study.Transfer.Where(t => t.Attack == attack).ToList();
            var sources = study.Models.Where(m => cells.Any(t => t.Source == m.Name)).Select(m => m.Name).ToList();
            var targets = study.Models.Where(m => cells.Any(t => t.Target == m.Name)).Select(m => m.Name).ToList();
            doc.Heading(3, $"{attack}: success rate on the target (rows: source, columns: target)");
            doc.Table(["source \\ target", .. targets], sources.Select(s => (IReadOnlyList<string>)
                [s, .. targets.Select(t => s == t ? "-" : Percent(cells.FirstOrDefault(x => x.Source == s && x.Target == t)?.SuccessRate))]));
            doc.Table(["source family", "within family", "across families", "pairs"],
                summaries.Where(x => x.Attack == attack).Select(x => (IReadOnlyList<string>)
                    [x.SourceFamily, Percent(x.WithinFamily), Percent(x.CrossFamily), StudyReport.I(x.Pairs)]));
        }
    }
}
