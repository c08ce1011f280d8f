using RobustnessGate.Evaluation;
using RobustnessGate.Metrics;

namespace RobustnessGate.Gate;

/// <summary>
/// The metrics a gate can hold. Standard errors: a rate of k hits over n images uses the Agresti-Coull estimate
/// sqrt(p (1 - p) / (n + 4)) with p = (k + 2) / (n + 4): the plain binomial sqrt(p (1 - p) / n) is 0 at a rate of exactly 0
/// or 1 (an attack that fools every image), which would make one flipped image a "regression" of infinitely many standard
/// errors; at n = 47 and k = 47 this gives 0.027, so two standard errors allow one flipped image and not three. A mean
/// distortion over the k successful examples has std / sqrt(k); a median has 1.2533 std / sqrt(k) (the large-sample
/// standard error of a median, sqrt(pi / 2) times the mean's, for a symmetric distribution).
/// </summary>
public static class GateMetrics
{
    /// <summary>The unit of rates.</summary>
    public const string Fraction = "fraction";

    private const string Pixels = "[0, 1] pixel units";

    private static readonly GateMetric[] Catalogue =
    [
        new("cleanAccuracy", MetricDirection.HigherIsBetter, Fraction, r => r.CleanAccuracy, r => Binomial(r.CleanAccuracy, r.Dataset.Count)),
        new("successRate", MetricDirection.LowerIsBetter, Fraction, r => r.SuccessRate, r => r.SuccessRate is { } p ? Binomial(p, r.Attacked) : null),
        new("robustAccuracy", MetricDirection.HigherIsBetter, Fraction, r => r.RobustAccuracy, r => Binomial(r.RobustAccuracy, r.Dataset.Count)),
        Mean("meanL0", "changed elements", d => d.L0), Mean("meanL1", Pixels, d => d.L1), Mean("meanL2", Pixels, d => d.L2), Mean("meanLinf", Pixels, d => d.Linf),
        Median("medianL1", d => d.L1), Median("medianL2", d => d.L2), Median("medianLinf", d => d.Linf),
    ];

    /// <summary>Every metric, in snapshot order.</summary>
    public static IReadOnlyList<GateMetric> All => Catalogue;

    /// <summary>Every metric name.</summary>
    public static IReadOnlyCollection<string> Names => Catalogue.Select(m => m.Name).ToArray();

    /// <summary>True when <paramref name="name"/> is a metric.</summary>
    public static bool IsKnown(string name) => Find(name) is not null;

    /// <summary>The metric called <paramref name="name"/>, or null.</summary>
    public static GateMetric? Find(string name) => Catalogue.FirstOrDefault(m => m.Name == name);

    /// <summary>The metric called <paramref name="name"/>; unknown names are an error listing the known ones.</summary>
    public static GateMetric Get(string name) =>
        Find(name) ?? throw new ArgumentException($"unknown metric '{name}'; expected one of {string.Join(", ", Names)}");

    /// <summary>The value of <paramref name="name"/> in <paramref name="result"/> (null when undefined).</summary>
    public static double? Read(EvaluationResult result, string name) => Get(name).Read(result);

    /// <summary>The Agresti-Coull standard error of a rate <paramref name="rate"/> over <paramref name="n"/> trials.</summary>
    public static double? Binomial(double rate, int n)
    {
        if (n <= 0)
            return null;
        double p = (rate * n + 2) / (n + 4);
        return Math.Sqrt(p * (1 - p) / (n + 4));
    }

    private static GateMetric Mean(string name, string unit, Func<DistortionStatistics, Summary> pick) =>
        new(name, MetricDirection.HigherIsBetter, unit, r => pick(r.Distortion).Mean,
            r => pick(r.Distortion).Std is { } s && r.Succeeded > 0 ? s / Math.Sqrt(r.Succeeded) : null);

    private static GateMetric Median(string name, Func<DistortionStatistics, Summary> pick) =>
        new(name, MetricDirection.HigherIsBetter, Pixels, r => pick(r.Distortion).Median,
            r => pick(r.Distortion).Std is { } s && r.Succeeded > 0 ? 1.2533 * s / Math.Sqrt(r.Succeeded) : null);
}
