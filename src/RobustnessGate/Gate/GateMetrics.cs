using RobustnessGate.Evaluation;

namespace RobustnessGate.Gate;

/// <summary>The metrics a gate can bound, read from an <see cref="EvaluationResult"/>.</summary>
public static class GateMetrics
{
    private static readonly Dictionary<string, Func<EvaluationResult, double?>> Readers = new(StringComparer.Ordinal)
    {
        ["cleanAccuracy"] = r => r.CleanAccuracy,
        ["successRate"] = r => r.SuccessRate,
        ["robustAccuracy"] = r => r.RobustAccuracy,
        ["meanL0"] = r => r.Distortion.L0.Mean,
        ["meanL1"] = r => r.Distortion.L1.Mean,
        ["meanL2"] = r => r.Distortion.L2.Mean,
        ["meanLinf"] = r => r.Distortion.Linf.Mean,
        ["medianL1"] = r => r.Distortion.L1.Median,
        ["medianL2"] = r => r.Distortion.L2.Median,
        ["medianLinf"] = r => r.Distortion.Linf.Median,
    };

    /// <summary>Every metric name.</summary>
    public static IReadOnlyCollection<string> Names => Readers.Keys;

    /// <summary>True when <paramref name="name"/> is a metric.</summary>
    public static bool IsKnown(string name) => Readers.ContainsKey(name);

    /// <summary>The value of <paramref name="name"/> in <paramref name="result"/> (null when undefined, e.g. no success).</summary>
    public static double? Read(EvaluationResult result, string name) =>
        Readers.TryGetValue(name, out var read) ? read(result) : throw new ArgumentException($"unknown metric '{name}'; expected one of {string.Join(", ", Names)}");
}
