using RobustnessGate.Attacks;
using static RobustnessGate.Study.NumberText;

namespace RobustnessGate.Study.Analysis;

/// <summary>The documented rules that turn the analyses into a verdict on each of the paper's findings.</summary>
internal static class FindingRules
{
    public static Finding ScalingLaw(IReadOnlyList<ConditionAnalysis> conditions, AnalysisOptions options)
    {
        const string claim = "Distortion scales linearly with ln(top-1 error): smaller error, smaller distortion (less robust).";
        string rule = $"a fit supports it when n >= 3, its slope's 95 % interval lies above 0 and R^2 >= {G(options.MinimumScalingRSquared)}; "
            + "it contradicts it when the interval lies below 0. Reproduced when every fit supports it, not reproduced when none "
            + "supports and one contradicts, otherwise inconclusive.";
        var fits = conditions.Select(c => (c.Label, c.Scaling.Fit)).Where(f => f.Fit.SlopeLower is not null).ToList();
        if (fits.Count == 0)
            return new Finding(1, claim, FindingVerdict.NotMeasured, "no attack has a fit over 3 or more models", rule);
        int supports = fits.Count(f => f.Fit.SlopeLower > 0 && f.Fit.RSquared >= options.MinimumScalingRSquared);
        int contradicts = fits.Count(f => f.Fit.SlopeUpper < 0);
        var verdict = supports == fits.Count ? FindingVerdict.Reproduced
            : supports == 0 && contradicts > 0 ? FindingVerdict.NotReproduced : FindingVerdict.Inconclusive;
        var evidence = string.Join("; ", fits.Select(f =>
            $"{f.Label}: slope {G(f.Fit.Slope)} [{G(f.Fit.SlopeLower)}, {G(f.Fit.SlopeUpper)}], R^2 {Share(f.Fit.RSquared)}, n {f.Fit.N}"));
        return new Finding(1, claim, verdict, evidence, rule);
    }

    public static Finding ArchitectureOverSize(IReadOnlyList<ConditionAnalysis> conditions)
    {
        const string claim = "Architecture matters more than size; the accuracy-robustness Pareto frontier is a design criterion.";
        const string rule = "per attack, family explains more when adjusted eta^2 (family) > adjusted R^2 (ln parameters). "
            + "Reproduced when this holds for every attack with both values defined, not reproduced when for none, otherwise inconclusive. "
            + "The frontier members are listed for reference; they are not part of the verdict.";
        var defined = conditions.Where(c => c.Architecture.FamilyExplainsMore is not null).ToList();
        var frontiers = string.Join("; ", conditions.Select(c => $"frontier {c.Label}: {string.Join(", ", c.Frontier.Members.Select(m => m.Model))}"));
        if (defined.Count == 0)
            return new Finding(2, claim, FindingVerdict.NotMeasured, "no attack has enough models and families for the comparison; " + frontiers, rule);
        int more = defined.Count(c => c.Architecture.FamilyExplainsMore == true);
        var verdict = more == defined.Count ? FindingVerdict.Reproduced : more == 0 ? FindingVerdict.NotReproduced : FindingVerdict.Inconclusive;
        var evidence = string.Join("; ", defined.Select(c =>
            $"{c.Label}: adj. eta^2 {Share(c.Architecture.FamilyAdjusted)} (eta^2 {Share(c.Architecture.FamilyEtaSquared)}) vs adj. R^2 size "
            + $"{Share(c.Architecture.SizeAdjusted)} (R^2 {Share(c.Architecture.SizeRSquared)}), n {c.Architecture.N}, {c.Architecture.Families} families"));
        return new Finding(2, claim, verdict, evidence + "; " + frontiers, rule);
    }

    public static Finding DepthHelpsLinf(IReadOnlyList<ConditionAnalysis> conditions)
    {
        const string claim = "For a similar architecture, more depth slightly improves L-inf robustness.";
        const string rule = "over the L-inf attacks' depth series (see the series rule): reproduced when at least one series is "
            + "significantly more robust when deeper and none is significantly less, not reproduced in the opposite case, otherwise inconclusive.";
        var trends = conditions.Where(c => c.Norm == Norm.Linf)
            .SelectMany(c => c.Series.Where(s => s.Variable == "depth" && s.Points.Count >= 2).Select(s => (c.Label, Trend: s))).ToList();
        if (trends.Count == 0)
            return new Finding(3, claim, FindingVerdict.NotMeasured, "no L-inf attack with a depth series of 2 or more models", rule);
        int up = trends.Count(t => t.Trend.Verdict == TrendVerdict.LargerIsMoreRobust);
        int down = trends.Count(t => t.Trend.Verdict == TrendVerdict.LargerIsLessRobust);
        var verdict = up > 0 && down == 0 ? FindingVerdict.Reproduced
            : down > 0 && up == 0 ? FindingVerdict.NotReproduced : FindingVerdict.Inconclusive;
        var evidence = string.Join("; ", trends.Select(t =>
            $"{t.Label} {t.Trend.Series}: slope {G(t.Trend.Slope)} per layer, {Describe(t.Trend.Verdict)} ({t.Trend.Reason})"));
        return new Finding(3, claim, verdict, evidence, rule);
    }

    public static Finding Transferability(StudyResults study, IReadOnlyList<TransferSummary> transfer, AnalysisOptions options)
    {
        const string claim = "VGG-style adversarial examples transfer widely; most others transfer only within their family.";
        string rule = $"reproduced when the {options.WideTransferFamily} family has the highest cross-family rate of all source families "
            + "(per attack, on the untargeted matrices: targeted examples rarely transfer at all, Su et al. section 7) and most other "
            + "families transfer more within than across; not reproduced when both fail; otherwise inconclusive.";
        if (study.Transfer is null || study.Transfer.Count == 0)
            return new Finding(4, claim, FindingVerdict.NotMeasured, "not measured in this run: the study has no transfer data", rule);
        var parts = new List<string>();
        int both = 0, neither = 0, attacks = 0;
        foreach (var g in transfer.Where(t => t.TargetMode == "untargeted").GroupBy(t => t.Attack))
        {
            var wide = g.FirstOrDefault(t => string.Equals(t.SourceFamily, options.WideTransferFamily, StringComparison.OrdinalIgnoreCase));
            var others = g.Where(t => t != wide && t.WithinFamily is not null && t.CrossFamily is not null).ToList();
            if (wide?.CrossFamily is null || others.Count == 0)
            {
                parts.Add($"{g.Key}: no {options.WideTransferFamily} source or no other family with within- and cross-family pairs");
                continue;
            }
            attacks++;
            bool widest = g.Where(t => t != wide).All(t => t.CrossFamily is null || wide.CrossFamily > t.CrossFamily);
            int local = others.Count(t => t.WithinFamily > t.CrossFamily);
            bool mostLocal = 2 * local > others.Count;
            both += widest && mostLocal ? 1 : 0;
            neither += !widest && !mostLocal ? 1 : 0;
            var best = g.Where(t => t != wide && t.CrossFamily is not null).MaxBy(t => t.CrossFamily);
            parts.Add($"{g.Key}: {wide.SourceFamily} cross-family {Percent(wide.CrossFamily)} vs best other {best?.SourceFamily ?? "none"} "
                + $"{Percent(best?.CrossFamily)}; {local} of {others.Count} other families transfer more within than across");
        }
        var verdict = attacks == 0 ? FindingVerdict.Inconclusive
            : both == attacks ? FindingVerdict.Reproduced : neither == attacks ? FindingVerdict.NotReproduced : FindingVerdict.Inconclusive;
        return new Finding(4, claim, verdict, string.Join("; ", parts), rule);
    }

    private static string Describe(TrendVerdict v) => v switch
    {
        TrendVerdict.LargerIsMoreRobust => "deeper is more robust",
        TrendVerdict.LargerIsLessRobust => "deeper is less robust",
        _ => "inconclusive",
    };
}
