namespace RobustnessGate.Study.Analysis;

/// <summary>Every analysis of a study and the verdict on each of the paper's four findings.</summary>
/// <param name="Conditions">One entry per (attack, target) in the study, in order of first appearance.</param>
/// <param name="Transfer">Transfer rates by source family (empty when not measured).</param>
/// <param name="Findings">Findings 1 to 4.</param>
/// <param name="Options">The choices the analysis was run with.</param>
/// <param name="TransferOverview">Per (attack, target mode): pooled within- and cross-family rates and the source family
/// that transfers most (empty when not measured).</param>
/// <param name="Clever">The same analyses on CLEVER scores, one per (norm, target), attack "clever-&lt;norm&gt;" (empty when not measured).</param>
/// <param name="CleverBounds">CLEVER against the attacks' distortions of the same images.</param>
public sealed record StudyAnalysis(IReadOnlyList<ConditionAnalysis> Conditions, IReadOnlyList<TransferSummary> Transfer,
    IReadOnlyList<Finding> Findings, AnalysisOptions Options, IReadOnlyList<TransferOverview> TransferOverview,
    IReadOnlyList<ConditionAnalysis> Clever, IReadOnlyList<CleverBound> CleverBounds)
{
    /// <summary>Runs every analysis on <paramref name="study"/>.</summary>
    public static StudyAnalysis Of(StudyResults study, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        options ??= AnalysisOptions.Default;
        var conditions = study.Cells.Select(c => (c.Attack, c.Target)).Distinct()
            .Select(k => Condition(study, k.Attack, k.Target, options.NormFor(k.Attack), options)).ToList();
        var cleverStudy = CleverBound.AsDistortionStudy(study);
        var clever = study.Clever.Select(c => (c.Norm, c.Target)).Distinct()
            .Select(k => Condition(cleverStudy, CleverBound.AttackName(k.Norm), k.Target, CleverBound.NormOf(k.Norm), options)).ToList();
        var transfer = TransferSummary.Compute(study);
        var findings = new[]
        {
            FindingRules.ScalingLaw(conditions, options),
            FindingRules.ArchitectureOverSize(conditions),
            FindingRules.DepthHelpsLinf(conditions),
            FindingRules.Transferability(study, transfer, options),
        };
        return new StudyAnalysis(conditions, transfer, findings, options, RobustnessGate.Study.Analysis.TransferOverview.Compute(study, transfer), clever,
            CleverBound.Compute(study));
    }

    private static ConditionAnalysis Condition(StudyResults study, string attack, string target, Attacks.Norm norm, AnalysisOptions options) =>
        new(attack, target, norm,
            ScalingLawFit.Compute(study, attack, target, norm),
            ParetoFrontier.Compute(study, attack, target, norm),
            SeriesTrend.Compute(study, attack, target, norm, options.Series),
            ArchitectureVersusSize.Compute(study, attack, target, norm));
}
