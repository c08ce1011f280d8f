using RobustnessGate.Attacks;
using static TorchSharp.torch;

namespace RobustnessGate.Clever;

/// <summary>
/// Points drawn uniformly from an Lp ball around an image, then clipped to the pixel box [0, 1] (Weng et al., ICLR 2018,
/// Algorithm 1, which samples uniformly in the ball B_p(x0, R)).
/// </summary>
public static class BallSampler
{
    /// <summary>
    /// <paramref name="count"/> points uniform in the ball of <paramref name="norm"/> and <paramref name="radius"/> around
    /// <paramref name="x0"/> (1 x C x H x W), clipped to [0, 1]. L2: a Gaussian direction on the sphere and radius
    /// R u^(1/d), u uniform (volume grows as r^d); L-inf: uniform in the cube [-R, R]^d; L1: d exponential spacings
    /// E_1..E_d divided by E_0 + ... + E_d (uniform in the simplex sum |y_i| &lt;= 1), random signs, times R.
    /// </summary>
    public static Tensor Sample(Tensor x0, Norm norm, double radius, int count, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(x0);
        ArgumentNullException.ThrowIfNull(generator);
        using var scope = NewDisposeScope();
        long d = x0.numel();
        var shape = new long[] { count, d };
        Tensor delta;
        switch (norm)
        {
            case Norm.L2:
            {
                var direction = randn(shape, generator: generator, dtype: ScalarType.Float64);
                direction /= direction.norm(1, keepdim: true, p: 2).clamp_min(1e-300);
                var r = rand(new long[] { count, 1 }, generator: generator, dtype: ScalarType.Float64).pow(1.0 / d) * radius;
                delta = direction * r;
                break;
            }
            case Norm.Linf:
                delta = (rand(shape, generator: generator, dtype: ScalarType.Float64) * 2 - 1) * radius;
                break;
            case Norm.L1:
            {
                // -log(1 - u) with u in [0, 1) is an exponential variable, finite since 1 - u > 0.
                var e = (1 - rand(new long[] { count, d + 1 }, generator: generator, dtype: ScalarType.Float64)).log().neg();
                var y = e[.., ..(int)d] / e.sum(1, keepdim: true);
                var sign = rand(shape, generator: generator, dtype: ScalarType.Float64).lt(0.5).to(ScalarType.Float64) * 2 - 1;
                delta = y * sign * radius;
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(norm), norm, "expected L2, Linf or L1");
        }
        var points = (x0.to(ScalarType.Float64).reshape(1, d) + delta).clamp(0, 1).to(x0.dtype).reshape(PointShape(x0, count));
        return points.MoveToOuterDisposeScope();
    }

    private static long[] PointShape(Tensor x0, int count)
    {
        var shape = x0.shape.ToArray();
        shape[0] = count;
        return shape;
    }
}
