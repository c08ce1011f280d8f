using RobustnessGate.Study.Analysis;

namespace RobustnessGate.Reporting;

/// <summary>Which plots a report has and their paths relative to the report; shared by the text and the plot renderer.</summary>
internal static class PlotNames
{
    public const string Gallery = "plots/gallery.png";

    public static string Scaling(ConditionAnalysis c) => $"plots/scaling-{Slug(c)}.png";

    public static string Pareto(ConditionAnalysis c) => $"plots/pareto-{Slug(c)}.png";

    public static string Series(ConditionAnalysis c, string variable) => $"plots/{variable}-{Slug(c)}.png";

    public static string Transfer(TransferOverview o) =>
        "plots/transfer-" + new string($"{o.Attack}-{o.TargetMode}".Select(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-' ? char.ToLowerInvariant(ch) : '-').ToArray()) + ".png";

    public static bool HasScaling(ConditionAnalysis c) => c.Scaling.Points.Count > 0;

    public static bool HasPareto(ConditionAnalysis c) => c.Frontier.Members.Count > 0;

    /// <summary>"depth" and/or "width", for the series kinds with at least one point.</summary>
    public static IEnumerable<string> SeriesVariables(ConditionAnalysis c) =>
        c.Series.Where(s => s.Points.Count > 0).Select(s => s.Variable).Distinct().Order(StringComparer.Ordinal);

    private static string Slug(ConditionAnalysis c) =>
        new string($"{c.Attack}-{c.Target}".Select(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-' ? char.ToLowerInvariant(ch) : '-').ToArray());
}
