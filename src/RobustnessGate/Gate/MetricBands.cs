namespace RobustnessGate.Gate;

/// <summary>
/// Stryker-style bands of one metric. For a higher-is-better metric: at or above <see cref="High"/> is good, from
/// <see cref="Low"/> to high a warning, from <see cref="Break"/> to low danger, below break a failure; so break &lt;= low &lt;=
/// high. For a lower-is-better metric the same, mirrored: high &lt;= low &lt;= break. Any band may be left out.
/// </summary>
/// <param name="High">Good from here on.</param>
/// <param name="Low">Warning from here on.</param>
/// <param name="Break">The build breaks beyond this.</param>
public sealed record MetricBands(double? High, double? Low, double? Break)
{
    /// <summary>No bands: the metric is held only against its approved baseline.</summary>
    public static MetricBands None { get; } = new(null, null, null);

    /// <summary>True when the value is beyond the break band (in the bad direction).</summary>
    public bool Breaks(double value, MetricDirection direction) => Break is { } b && Worse(value, b, direction);

    /// <summary>Display health of <paramref name="value"/>.</summary>
    public Health HealthOf(double value, MetricDirection direction)
    {
        if ((Low is { } low && Worse(value, low, direction)) || (Low is null && Break is { } b && Worse(value, b, direction)))
            return Health.Danger;
        if (High is { } high && Worse(value, high, direction))
            return Health.Warning;
        return Health.Good;
    }

    /// <summary>What is wrong with the bands' order, naming both values, or null.</summary>
    public string? OrderProblem(MetricDirection direction)
    {
        string? Check(string a, double? x, string b, double? y)
        {
            if (x is not { } vx || y is not { } vy)
                return null;
            bool ok = direction == MetricDirection.HigherIsBetter ? vx <= vy : vx >= vy;
            var relation = direction == MetricDirection.HigherIsBetter ? "<=" : ">=";
            return ok ? null : FormattableString.Invariant($"{a} must be {relation} {b} for a metric where {(direction == MetricDirection.HigherIsBetter ? "higher" : "lower")} is better. Current {a}: {vx}, {b}: {vy}");
        }
        return Check("break", Break, "low", Low) ?? Check("low", Low, "high", High) ?? Check("break", Break, "high", High);
    }

    private static bool Worse(double value, double bound, MetricDirection direction) =>
        direction == MetricDirection.HigherIsBetter ? value < bound : value > bound;
}
