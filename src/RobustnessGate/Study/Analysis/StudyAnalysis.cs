namespace RobustnessGate.Study.Analysis;

/// <summary>Every analysis of a study and the verdict on each of the paper's four findings.</summary>
/// <param name="Conditions">One entry per (attack, target) in the study, in order of first appearance.</param>
/// <param name="Transfer">Transfer rates by source family (empty when not measured).</param>
/// <param name="Findings">Findings 1 to 4.</param>
public sealed record StudyAnalysis(IReadOnlyList<ConditionAnalysis> Conditions, IReadOnlyList<TransferSummary> Transfer,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>Runs every analysis on <paramref name="study"/>.</summary>
    public static StudyAnalysis Of(StudyResults study, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        options ??= AnalysisOptions.Default;
        var conditions = study.Cells.Select(c => (c.Attack, c.Target)).Distinct().Select(k =>
        {
            var norm = options.NormFor(k.Attack);
            return new ConditionAnalysis(k.Attack, k.Target, norm,
                ScalingLawFit.Compute(study, k.Attack, k.Target, norm),
                ParetoFrontier.Compute(study, k.Attack, k.Target, norm),
                SeriesTrend.Compute(study, k.Attack, k.Target, norm, options.Series),
                ArchitectureVersusSize.Compute(study, k.Attack, k.Target, norm));
        }).ToList();
        var transfer = TransferSummary.Compute(study);
        var findings = new[]
        {
            FindingRules.ScalingLaw(conditions, options),
            FindingRules.ArchitectureOverSize(conditions),
            FindingRules.DepthHelpsLinf(conditions),
            FindingRules.Transferability(study, transfer, options),
        };
        return new StudyAnalysis(conditions, transfer, findings);
    }
}
