namespace RobustnessSpecs.Attacks;

/// <summary>
/// Exact minimal adversarial distances for a linear classifier z = W x + b inside the box [0, 1], in double. For a
/// competitor j with a = w_j - w_y and margin m = z_y - z_j, the cheapest d with a.d >= m and x + d in the box is:
/// L2: d = clip(lambda a, -x, 1 - x) (KKT of the box-constrained projection), lambda by bisection;
/// L-inf: d = clip(eps sign(a), -x, 1 - x), eps by bisection;
/// L1: a fractional knapsack: coordinates by decreasing |a_i|, each to its box limit, the last one fractionally.
/// Untargeted: the minimum over j != y (success is "some j overtakes y", the union of the two-class regions).
/// </summary>
public sealed class LinearOracle(double[] weights, double[] bias, int classes, int inputs)
{
    private const int BisectionSteps = 200;

    public double[] Logits(ReadOnlySpan<float> x)
    {
        var z = new double[classes];
        for (int k = 0; k < classes; k++)
        {
            double s = bias[k];
            for (int i = 0; i < inputs; i++)
                s += weights[k * inputs + i] * x[i];
            z[k] = s;
        }
        return z;
    }

    /// <summary>Minimal untargeted distance in L2, L-inf and L1 (positive infinity where the box allows no success).</summary>
    public (double L2, double Linf, double L1) Untargeted(ReadOnlySpan<float> x, long label)
    {
        var z = Logits(x);
        double l2 = double.PositiveInfinity, linf = double.PositiveInfinity, l1 = double.PositiveInfinity;
        for (int j = 0; j < classes; j++)
        {
            if (j == label)
                continue;
            var a = new double[inputs];
            for (int i = 0; i < inputs; i++)
                a[i] = weights[j * inputs + i] - weights[label * inputs + i];
            double m = z[label] - z[j];
            if (m <= 0)
                return (0, 0, 0);
            l2 = Math.Min(l2, MinL2(x, a, m));
            linf = Math.Min(linf, MinLinf(x, a, m));
            l1 = Math.Min(l1, MinL1(x, a, m));
        }
        return (l2, linf, l1);
    }

    /// <summary>Minimal L2 distance at which class <paramref name="j"/> overtakes <paramref name="label"/>.</summary>
    public double L2ToClass(ReadOnlySpan<float> x, long label, long j)
    {
        var z = Logits(x);
        var a = new double[inputs];
        for (int i = 0; i < inputs; i++)
            a[i] = weights[j * inputs + i] - weights[label * inputs + i];
        return MinL2(x, a, z[label] - z[j]);
    }

    private static double Gain(ReadOnlySpan<float> x, double[] a, Func<int, double> step, out double norm2)
    {
        double gain = 0, sq = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = Math.Clamp(step(i), -x[i], 1 - x[i]);
            gain += a[i] * d;
            sq += d * d;
        }
        norm2 = Math.Sqrt(sq);
        return gain;
    }

    private static double MaxGain(ReadOnlySpan<float> x, double[] a)
    {
        double g = 0;
        for (int i = 0; i < a.Length; i++)
            g += a[i] > 0 ? a[i] * (1 - x[i]) : -a[i] * x[i];
        return g;
    }

    public static double MinL2(ReadOnlySpan<float> x, double[] a, double m)
    {
        if (MaxGain(x, a) < m)
            return double.PositiveInfinity;
        // lambda * |a_i| >= 1 saturates every coordinate with |a_i| >= minAbs, so hi = 1 / (smallest nonzero |a_i|) reaches MaxGain.
        double minAbs = a.Where(v => v != 0).Select(Math.Abs).Min();
        double lo = 0, hi = 1 / minAbs;
        var xs = x.ToArray();
        for (int k = 0; k < BisectionSteps; k++)
        {
            double mid = (lo + hi) / 2;
            if (Gain(xs, a, i => mid * a[i], out _) >= m) hi = mid; else lo = mid;
        }
        Gain(xs, a, i => hi * a[i], out var norm);
        return norm;
    }

    public static double MinLinf(ReadOnlySpan<float> x, double[] a, double m)
    {
        if (MaxGain(x, a) < m)
            return double.PositiveInfinity;
        double lo = 0, hi = 1;
        var xs = x.ToArray();
        for (int k = 0; k < BisectionSteps; k++)
        {
            double mid = (lo + hi) / 2;
            if (Gain(xs, a, i => mid * Math.Sign(a[i]), out _) >= m) hi = mid; else lo = mid;
        }
        return hi;
    }

    public static double MinL1(ReadOnlySpan<float> x, double[] a, double m)
    {
        if (MaxGain(x, a) < m)
            return double.PositiveInfinity;
        double need = m, cost = 0;
        foreach (int i in Enumerable.Range(0, a.Length).OrderByDescending(i => Math.Abs(a[i])))
        {
            if (a[i] == 0)
                break;
            double room = a[i] > 0 ? 1 - x[i] : x[i];
            double gain = Math.Abs(a[i]) * room;
            if (gain >= need)
                return cost + need / Math.Abs(a[i]);
            need -= gain;
            cost += room;
        }
        return double.PositiveInfinity;
    }
}
