using RobustnessGate.Attacks;

namespace RobustnessGate.Clever;

/// <summary>
/// Settings of a CLEVER run (Weng et al., ICLR 2018, "Evaluating the Robustness of Neural Networks: An Extreme Value Theory
/// Approach"; used by Su et al., ECCV 2018, section 4). Defaults are the published ones where there are any.
/// </summary>
/// <param name="Norm">The perturbation norm whose score is estimated (L2, L-inf or L1); gradients are measured in its dual norm.</param>
/// <param name="Target">Targeted at a random, least-likely or top-2 class (<see cref="TargetSelector"/>), or untargeted: the
/// minimum over every other class of the targeted scores.</param>
/// <param name="Samples">N_s, points per batch: 1024 (Weng et al., section 4; Su et al. kept it).</param>
/// <param name="Batches">N_b, batch maxima fitted: 500 (Weng et al., section 4; Su et al. kept it).</param>
/// <param name="Radius">R, the radius of the sampling ball and the cap of the score; null: <see cref="DefaultRadius"/> of the norm.</param>
/// <param name="Count">The first so many images; null: all.</param>
/// <param name="Seed">Seed of the samples (image i draws from seed + i) and of random targets.</param>
/// <param name="BatchSize">Points per forward+backward pass; the images go one at a time.</param>
/// <param name="Threads">libtorch threads; null: <see cref="Runtime.TorchRuntime.DefaultThreads"/>.</param>
public sealed record CleverOptions(
    Norm Norm = Norm.L2,
    TargetMode Target = TargetMode.Untargeted,
    int Samples = CleverOptions.DefaultSamples,
    int Batches = CleverOptions.DefaultBatches,
    double? Radius = null,
    int? Count = null,
    long Seed = 1215,
    int BatchSize = 1024,
    int? Threads = null)
{
    /// <summary>N_s of Weng et al. (section 4), also Su et al.'s.</summary>
    public const int DefaultSamples = 1024;

    /// <summary>N_b of Weng et al. (section 4), also Su et al.'s.</summary>
    public const int DefaultBatches = 500;

    /// <summary>
    /// The default radius per norm. L2: 5, the default of Weng et al.'s reference code, whose images lie in [-0.5, 0.5], a
    /// range of the same width as our [0, 1]. L-inf: 0.3, the MNIST budget of Su et al.'s FGSM and of Madry et al.'s PGD,
    /// a documented choice (beyond it digits stop being digits). L1: 20, a documented choice: the L1 ball of radius 20
    /// holds the L2 ball of radius 20 / sqrt(784) = 0.71 and reaches L1 distortions several times those EAD needs on MNIST.
    /// </summary>
    public static double DefaultRadius(Norm norm) => norm switch
    {
        Norm.L2 => 5.0,
        Norm.Linf => 0.3,
        Norm.L1 => 20.0,
        _ => throw new ArgumentOutOfRangeException(nameof(norm), norm, "CLEVER estimates L2, L-inf and L1 scores; expected one of l2, linf, l1"),
    };

    /// <summary>The radius in use: <see cref="Radius"/> or the norm's default.</summary>
    public double EffectiveRadius => Radius ?? DefaultRadius(Norm);

    /// <summary>Throws <see cref="ArgumentException"/> naming the field, the expected and the found value.</summary>
    public void Validate()
    {
        if (Norm is not (Norm.L2 or Norm.Linf or Norm.L1))
            throw new ArgumentException($"CLEVER option Norm: expected L2, Linf or L1, found {Norm}");
        if (Samples < 1)
            throw new ArgumentException($"CLEVER option Samples: expected a whole number >= 1, found {Samples}");
        if (Batches < 2)
            throw new ArgumentException($"CLEVER option Batches: expected a whole number >= 2 (a fit needs several maxima), found {Batches}");
        if (Radius is { } r && !(r > 0 && double.IsFinite(r)))
            throw new ArgumentException($"CLEVER option Radius: expected a finite number > 0, found {r}");
        if (Count is { } c && c < 1)
            throw new ArgumentException($"CLEVER option Count: expected a whole number >= 1, found {c}");
        if (BatchSize < 1)
            throw new ArgumentException($"CLEVER option BatchSize: expected a whole number >= 1, found {BatchSize}");
    }
}
