namespace RobustnessGate.Gate;

/// <summary>A bound on one metric of a gate check: the measured value must lie in [Min, Max] (either side optional).</summary>
/// <param name="Metric">Metric name (see <see cref="GateMetrics.Names"/>).</param>
/// <param name="Min">Lowest acceptable value, or null.</param>
/// <param name="Max">Highest acceptable value, or null.</param>
public sealed record MetricBound(string Metric, double? Min, double? Max);
