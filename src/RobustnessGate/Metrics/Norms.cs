using static TorchSharp.torch;

namespace RobustnessGate.Metrics;

/// <summary>Distortion norms, computed in float64 from float32 images.</summary>
public static class Norms
{
    /// <summary>
    /// An element counts as changed for L0 when |delta| exceeds this. 1e-5 is far below one 8-bit grey level (1/255 = 0.0039)
    /// and above the float32 round-trip error of the C&amp;W tanh change of variables (about 5e-7 at 0 and 1), which would
    /// otherwise count every element as changed.
    /// </summary>
    public const double L0Tolerance = 1e-5;

    /// <summary>Per-example norms of <paramref name="adversarial"/> - <paramref name="original"/> (both N x ...).</summary>
    public static Distortion[] Of(Tensor original, Tensor adversarial)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(adversarial);
        if (!original.shape.SequenceEqual(adversarial.shape))
            throw new ArgumentException($"shape mismatch: original [{string.Join(", ", original.shape)}], adversarial [{string.Join(", ", adversarial.shape)}]");
        using var scope = NewDisposeScope();
        var delta = (adversarial.to(ScalarType.Float64) - original.to(ScalarType.Float64)).flatten(1).abs();
        var l0 = delta.gt(L0Tolerance).sum(1).to(ScalarType.Float64).data<double>().ToArray();
        var l1 = delta.sum(1).data<double>().ToArray();
        var l2 = delta.square().sum(1).sqrt().data<double>().ToArray();
        var linf = delta.shape[1] == 0 ? new double[delta.shape[0]] : delta.amax(new long[] { 1 }).data<double>().ToArray();
        var result = new Distortion[l0.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = new Distortion(l0[i], l1[i], l2[i], linf[i]);
        return result;
    }

    /// <summary>Norms of a single perturbation given as numbers (for tests and tools).</summary>
    public static Distortion Of(ReadOnlySpan<double> delta)
    {
        double l0 = 0, l1 = 0, sq = 0, linf = 0;
        foreach (var d in delta)
        {
            var a = Math.Abs(d);
            if (a > L0Tolerance) l0++;
            l1 += a;
            sq += a * a;
            linf = Math.Max(linf, a);
        }
        return new Distortion(l0, l1, Math.Sqrt(sq), linf);
    }
}
