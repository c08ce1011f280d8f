namespace RobustnessGate.Gate;

/// <summary>What a check requires of one metric: its bands and how far it may move from the approved baseline.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Bands">Bands (any may be absent).</param>
/// <param name="Tolerance">The regression tolerance.</param>
public sealed record MetricThreshold(GateMetric Metric, MetricBands Bands, RegressionTolerance Tolerance);
