using RobustnessGate.Study;
using RobustnessGate.Study.Analysis;
using static RobustnessGate.Study.NumberText;

namespace RobustnessGate.Reporting;

/// <summary>
/// The study report as Markdown and as self-contained HTML. It only presents what <see cref="StudyAnalysis"/> computed
/// (reports never recompute metrics) and states on top that the numbers are this project's measurements, not the paper's.
/// The first screen is <see cref="ReportSummary"/>; the sections below hold every number in small tables.
/// </summary>
public static class StudyReport
{
    /// <summary>Title of every study report.</summary>
    public const string Title = "Robustness study: is robustness the cost of accuracy?";

    /// <summary>The report as Markdown; images are referenced as plots/*.png next to it.</summary>
    public static string Markdown(StudyResults study, StudyAnalysis analysis) => MarkdownRenderer.Render(Build(study, analysis));

    /// <summary>The report as one HTML file with <paramref name="plots"/> (path -> PNG bytes, from <see cref="StudyPlots.RenderAll"/>) embedded.</summary>
    public static string Html(StudyResults study, StudyAnalysis analysis, IReadOnlyDictionary<string, byte[]> plots) =>
        HtmlRenderer.Render(Build(study, analysis), Title, plots);

    internal static ReportDocument Build(StudyResults study, StudyAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(analysis);
        var doc = new ReportDocument();
        doc.Heading(2, "Models");
        doc.Table(["model", "family", "series", "depth", "width", "parameters", "accuracy", "top-1 error"],
            study.Models.Select(m => (IReadOnlyList<string>)[m.Name, m.Family, m.Series ?? "", m.Depth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                G(m.Width).Replace("n/a", "", StringComparison.Ordinal), m.Parameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                Percent(m.TestAccuracy), Percent(m.TopOneError)]));

        if (study.Attacks.Count > 0)
        {
            doc.Heading(2, "Attacks");
            doc.Table(["attack", "target", "parameters"], study.Attacks.Select(a => (IReadOnlyList<string>)
                [a.Name, a.Target, string.Join(", ", a.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {p.Value}"))]));
        }

        foreach (var c in analysis.Conditions)
            ConditionSection.Append(doc, study, c);

        CleverSection.Append(doc, study, analysis);

        TransferSection.Append(doc, study, analysis);

        if (study.Gallery.Count > 0)
        {
            doc.Heading(2, "Gallery");
            doc.Paragraph("Each row: the clean image, its adversarial version, and the perturbation magnified so that its largest "
                + "change spans the full grey range (mid-grey = no change).");
            doc.Image(PlotNames.Gallery, "clean, adversarial and magnified perturbation");
            doc.Table(["model", "attack", "image", "label", "adversarial prediction"],
                study.Gallery.Select(g => (IReadOnlyList<string>)[g.Model, g.Attack, I(g.Index), I(g.Label), I(g.Prediction)]));
        }

        FindingsSection.Append(doc, analysis);

        doc.Heading(2, "Method");
        doc.Bullets([
            "Distortion is the mean over **successful** adversarial examples, in [0, 1] pixel units; higher means the model is more robust.",
            "Norm per attack: " + string.Join(", ", analysis.Conditions.Select(c => $"{c.Attack} {c.Norm}").Distinct()) + ".",
            "Scaling law: ordinary least squares of mean distortion on x = ln(top-1 error) over the models, 95 % interval for the slope from Student's t with n - 2 degrees of freedom.",
            "Pareto frontier: models that no other model beats in both accuracy and distortion; the curve joins them by accuracy, is flat below the least accurate member and undefined above the most accurate one.",
            $"Depth and width series: the smallest and the largest model are compared; with standard errors (std / sqrt(succeeded)) the difference counts when |z| >= {G(analysis.Options.Series.MinimumZ)}, without them when the relative change exceeds {Percent(analysis.Options.Series.MinimumRelativeChange)}; the Spearman correlation over the series must have the same sign, otherwise the series is inconclusive.",
            "Architecture versus size: eta^2 of a one-way ANOVA by family against R^2 of a regression on ln(parameters); the verdict compares the adjusted values because family spends more degrees of freedom.",
            "The rule of each finding is under its heading in " + ReportDocument.Link(FindingsSection.Heading, FindingsSection.Heading) + ".",
        ]);
        return ReportSummary.Top(study, analysis, doc).Append(doc);
    }

    internal static string Verdict(FindingVerdict v) => v switch
    {
        FindingVerdict.Reproduced => "reproduced",
        FindingVerdict.NotReproduced => "not reproduced",
        FindingVerdict.Inconclusive => "inconclusive",
        _ => "not measured",
    };

    internal static string I(long v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
