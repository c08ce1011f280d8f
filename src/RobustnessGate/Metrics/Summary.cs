namespace RobustnessGate.Metrics;

/// <summary>Mean, population standard deviation (as numpy.std in Su et al.'s code) and median of a sample; null fields when empty.</summary>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Std">Population standard deviation.</param>
/// <param name="Median">Median (mean of the two middle values for even counts).</param>
public sealed record Summary(double? Mean, double? Std, double? Median)
{
    /// <summary>The summary of an empty sample.</summary>
    public static Summary None { get; } = new(null, null, null);

    /// <summary>Summarises <paramref name="values"/>.</summary>
    public static Summary Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            return new Summary(null, null, null);
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Summary(mean, Math.Sqrt(variance), median);
    }
}
