using RobustnessGate.Study;
using RobustnessGate.Study.Analysis;
using static RobustnessGate.Study.NumberText;

namespace RobustnessGate.Reporting;

/// <summary>
/// The CLEVER section: settings, per-model scores beside the compared attack's distortion of the same images, how often
/// CLEVER (an estimated lower bound) stays at or below it, and the scaling law and frontier on the scores.
/// </summary>
internal static class CleverSection
{
    public static void Append(ReportDocument doc, StudyResults study, StudyAnalysis analysis)
    {
        if (study.Clever.Count == 0)
            return;
        doc.Heading(2, "CLEVER scores");
        var first = study.Clever[0];
        doc.Paragraph($"CLEVER (Weng et al., ICLR 2018) estimates the minimal distortion from the largest input-gradient norms near the "
            + $"image, without an attack: N_b = {StudyReport.I(first.Batches)} batches of N_s = {StudyReport.I(first.Samples)} points in the ball "
            + "of radius R (L2: 5, L-inf: 0.3), a reverse Weibull fitted to the batch maxima, score = min(margin / fitted maximum, R). "
            + "It estimates a **lower bound**, so a score above the distortion a verified attack needed on the same image is an "
            + "estimate that missed. Only correctly classified images are scored.");
        doc.Table(["norm", "target", "compared attack", "images scored", "both measured", "CLEVER <= attack", "share", "capped at R"],
            analysis.CleverBounds.Select(b => (IReadOnlyList<string>)[b.Norm, b.Target, b.Attack ?? "not run", StudyReport.I(b.Scored),
                StudyReport.I(b.Compared), StudyReport.I(b.AtMost), Percent(b.Compared == 0 ? null : (double)b.AtMost / b.Compared), StudyReport.I(b.Capped)]));
        foreach (var group in study.Clever.GroupBy(c => (c.Norm, c.Target)))
        {
            doc.Heading(3, $"CLEVER {group.Key.Norm}, {group.Key.Target}: per model");
            doc.Table(["model", "scored", "mean CLEVER", "median CLEVER", "compared attack", "its mean distortion (same images)", "CLEVER <= attack"],
                group.Select(c =>
                {
                    var both = c.Images.Where(i => i.AttackDistortion is not null).ToList();
                    double? mean = both.Count == 0 ? null : both.Average(i => i.AttackDistortion!.Value);
                    return (IReadOnlyList<string>)[c.Model, StudyReport.I(c.Scored), G(c.Score.Mean), G(c.Score.Median), c.ComparedAttack ?? "not run",
                        G(mean), $"{StudyReport.I(both.Count(i => i.Score <= i.AttackDistortion))} of {StudyReport.I(both.Count)}"];
                }));
        }
        var view = CleverBound.AsDistortionStudy(study);
        foreach (var c in analysis.Clever)
            ConditionSection.Append(doc, view, c, scores: true);
    }
}
