using static TorchSharp.torch;

namespace RobustnessGate.Attacks;

/// <summary>
/// Counts, per example, how many times it went through the model: the compute an example really cost once finished rows
/// stop being processed. Reported by C&amp;W and EAD as the per-example values <see cref="GradientPasses"/> (forward and
/// backward) and, for EAD, <see cref="ScoringPasses"/> (forward only).
/// </summary>
internal sealed class PassCounter(int count)
{
    /// <summary>Per-example value name: forward+backward passes.</summary>
    public const string GradientPasses = "gradient-passes";

    /// <summary>Per-example value name: forward-only passes that score an iterate.</summary>
    public const string ScoringPasses = "scoring-passes";

    private readonly double[] _counts = new double[count];

    /// <summary>Counts one pass for every example in <paramref name="batchIndices"/> (indices into the batch).</summary>
    public void Add(Tensor batchIndices)
    {
        foreach (long i in batchIndices.data<long>().ToArray())
            _counts[i]++;
    }

    /// <summary>Counts one pass for every example in <paramref name="examples"/> (indices into the batch).</summary>
    public void Add(IEnumerable<int> examples)
    {
        foreach (int i in examples)
            _counts[i]++;
    }

    /// <summary>The counts so far.</summary>
    public double[] Counts => (double[])_counts.Clone();
}
