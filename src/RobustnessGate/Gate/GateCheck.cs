using RobustnessGate.Attacks;

namespace RobustnessGate.Gate;

/// <summary>One robustness requirement: a model, data, an attack with its settings, target, images, and what the metrics must do.</summary>
/// <param name="Id">Stable identifier (names snapshots and messages).</param>
/// <param name="Description">One line for people, or null.</param>
/// <param name="Model">The model.</param>
/// <param name="Data">The data set.</param>
/// <param name="Attack">The attack with its preset and every effective option, bound to its definition.</param>
/// <param name="Target">Target mode.</param>
/// <param name="Count">Number of images (the first N).</param>
/// <param name="Seed">Seed.</param>
/// <param name="Metrics">Metric requirements; every metric of the snapshot is also held to <paramref name="Tolerance"/>.</param>
/// <param name="Tolerance">The regression tolerance of metrics without their own.</param>
/// <param name="Frontier">The frontier requirement, or null.</param>
public sealed record GateCheck(string Id, string? Description, ModelSource Model, DataSource Data, AttackSettings Attack, TargetMode Target,
    int Count, long Seed, IReadOnlyList<MetricThreshold> Metrics, RegressionTolerance Tolerance, FrontierThreshold? Frontier)
{
    /// <summary>
    /// Sanity warnings this check expects (threshold-file key <c>acceptSanity</c>): code -> the reason. A warning of any other
    /// code makes the verdict inconclusive.
    /// </summary>
    public IReadOnlyDictionary<string, string> AcceptSanity { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The tolerance of <paramref name="metric"/>: its own, or the check's.</summary>
    public RegressionTolerance ToleranceOf(GateMetric metric) => Metrics.FirstOrDefault(m => m.Metric == metric)?.Tolerance ?? Tolerance;

    /// <summary>"model / attack / target", the display name of the check.</summary>
    public string DisplayName => $"{Model.DisplayName} / {Attack.Name} / {TargetNames.Name(Target)}";
}
