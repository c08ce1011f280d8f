using RobustnessGate.Study;
using RobustnessGate.Study.Analysis;
using static RobustnessGate.Study.NumberText;

namespace RobustnessGate.Reporting;

/// <summary>The report section of one (attack, target, norm): cells, scaling law, frontier, series, family versus size.</summary>
internal static class ConditionSection
{
    /// <summary>Appends the section; <paramref name="scores"/>: the cells are CLEVER scores (<see cref="CleverBound.AsDistortionStudy"/>), counted as images scored, not attacked and succeeded.</summary>
    public static void Append(ReportDocument doc, StudyResults study, ConditionAnalysis c, bool scores = false)
    {
        var n = c.Norm.ToString();
        doc.Heading(2, $"{c.Attack}, {c.Target} ({n})");
        var cells = study.Cells.Where(x => x.Attack == c.Attack && x.Target == c.Target).ToDictionary(x => x.Model, StringComparer.Ordinal);
        var rows = study.Models.Where(m => cells.ContainsKey(m.Name))
            .Select(m => (Model: m.Name, Cell: cells[m.Name], Stats: cells[m.Name].Distortion.For(c.Norm))).ToList();
        if (scores)
        {
            doc.Table(["model", "images scored", $"mean {n}", $"median {n}"],
                rows.Select(r => (IReadOnlyList<string>)[r.Model, StudyReport.I(r.Cell.Succeeded), G(r.Stats.Mean), G(r.Stats.Median)]));
        }
        else
        {
            doc.Table(["model", "attacked", "succeeded", "success rate", $"mean {n}", $"median {n}"],
                rows.Select(r => (IReadOnlyList<string>)[r.Model, StudyReport.I(r.Cell.Attacked), StudyReport.I(r.Cell.Succeeded),
                    Percent(r.Cell.SuccessRate), G(r.Stats.Mean), G(r.Stats.Median)]));
        }

        var f = c.Scaling.Fit;
        doc.Heading(3, "Scaling law");
        doc.Paragraph($"mean {n} = a ln(top-1 error) + b, least squares over the models:");
        doc.Table(["slope a", "95 % interval", "standard error", "intercept b", "R^2", "n"],
            [[G(f.Slope), $"[{G(f.SlopeLower)}, {G(f.SlopeUpper)}]", G(f.SlopeStandardError), G(f.Intercept), Share(f.RSquared), StudyReport.I(f.N)]]);
        if (f.Note is not null || c.Scaling.Excluded.Count > 0)
        {
            doc.Paragraph((f.Note is null ? "" : $"Note: {f.Note}.")
                + (c.Scaling.Excluded.Count == 0 ? "" : (f.Note is null ? "" : " ") + $"Left out: {string.Join(", ", c.Scaling.Excluded)}."));
        }
        if (PlotNames.HasScaling(c))
            doc.Image(PlotNames.Scaling(c), $"mean {n} distortion against top-1 error, {c.Attack}");

        doc.Heading(3, "Pareto frontier");
        if (c.Frontier.Members.Count == 0)
            doc.Paragraph("Frontier: none (no model has a distortion).");
        else
        {
            doc.Table(["frontier member (by accuracy)", "accuracy", $"mean {n}"],
                c.Frontier.Members.Select(p => (IReadOnlyList<string>)[p.Model, Percent(p.Accuracy), G(p.Robustness)]));
        }
        if (c.Frontier.Dominated.Count > 0)
        {
            doc.Table(["dominated model", "accuracy", $"mean {n}", "frontier at its accuracy", "gap", "relative gap"],
                c.Frontier.Dominated.Zip(c.Frontier.DominatedGaps, (p, cmp) =>
                {
                    return (IReadOnlyList<string>)[p.Model, Percent(p.Accuracy), G(p.Robustness), G(cmp.FrontierRobustness), G(cmp.Gap), Percent(cmp.RelativeGap)];
                }));
        }
        if (PlotNames.HasPareto(c))
            doc.Image(PlotNames.Pareto(c), $"accuracy against mean {n} distortion, {c.Attack}");

        if (c.Series.Count > 0)
        {
            doc.Heading(3, "Depth and width series");
            doc.Table(["series", "varies", "slope per unit", "Spearman", "verdict", "why"],
                c.Series.Select(s => (IReadOnlyList<string>)[s.Series, s.Variable, G(s.Slope), Share(s.Spearman), Trend(s.Verdict, s.Variable), s.Reason]));
            doc.Table(["series", "model", "depth or width", $"mean {n}"],
                c.Series.SelectMany(s => s.Points.Select(p => (IReadOnlyList<string>)[s.Series, p.Model, G(p.Size), G(p.Distortion)])));
            foreach (var variable in PlotNames.SeriesVariables(c))
                doc.Image(PlotNames.Series(c, variable), $"mean {n} distortion against {variable}, {c.Attack}");
        }

        var a = c.Architecture;
        doc.Heading(3, "Architecture versus size");
        doc.Table(["share of spread explained", "value", "adjusted"],
        [
            ["family (eta^2)", Share(a.FamilyEtaSquared), Share(a.FamilyAdjusted)],
            ["ln(parameters) (R^2)", Share(a.SizeRSquared), Share(a.SizeAdjusted)],
            ["both", Share(a.CombinedRSquared), ""],
            ["family after size", Share(a.FamilyAfterSize), ""],
            ["size after family", Share(a.SizeAfterFamily), ""],
        ]);
        doc.Paragraph($"n = {a.N} models in {a.Families} families; family explains more: "
            + (a.FamilyExplainsMore is { } more ? (more ? "yes" : "no") : "undefined") + "." + (a.Note is null ? "" : $" Note: {a.Note}."));
    }

    private static string Trend(TrendVerdict v, string variable) => v switch
    {
        TrendVerdict.LargerIsMoreRobust => variable == "depth" ? "deeper is more robust" : "wider is more robust",
        TrendVerdict.LargerIsLessRobust => variable == "depth" ? "deeper is less robust" : "wider is less robust",
        _ => "inconclusive",
    };
}
