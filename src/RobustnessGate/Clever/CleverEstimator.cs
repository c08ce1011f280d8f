using System.Diagnostics;
using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using static TorchSharp.torch;

namespace RobustnessGate.Clever;

/// <summary>
/// CLEVER scores (Weng et al., ICLR 2018, Algorithm 1; Su et al., ECCV 2018, section 4). For an image x0 with label y and a
/// class j, g(x) = z_y(x) - z_j(x) on logits. N_b batches of N_s points are drawn uniformly in the Lp ball of radius R
/// around x0 (<see cref="BallSampler"/>, clipped to [0, 1]); each point gives the dual norm of the input gradient of g
/// (L2 -> L2, L-inf -> L1, L1 -> L-inf), each batch its maximum; a reverse Weibull fitted to the N_b maxima
/// (<see cref="ReverseWeibull"/>) gives its location L, an estimate of the local Lipschitz constant of g; the score is
/// min(g(x0) / L, R), capped at R as in Weng et al.'s Algorithm 1 (beyond R nothing was sampled). Untargeted: the minimum
/// over all j != y of the targeted scores, all classes using the same samples. Only correctly classified images are
/// scored. The score estimates a lower bound of the minimal adversarial distortion; it is an estimate, not a certificate.
/// </summary>
public static class CleverEstimator
{
    /// <summary>Scores the first <see cref="CleverOptions.Count"/> images of <paramref name="data"/> on <paramref name="model"/>.</summary>
    /// <param name="model">The classifier (pixels in [0, 1], logits out).</param>
    /// <param name="data">The images.</param>
    /// <param name="options">Norm, target, N_s, N_b, radius, seed.</param>
    /// <param name="progress">Optional: images done so far, after each image.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    public static CleverResult Run(IClassifier model, ImageSet data, CleverOptions options, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TorchRuntime.Configure(options.Threads);
        data = data.Take(options.Count);
        if (model.InputShape is { } s && (s.Channels != data.Channels || s.Height != data.Height || s.Width != data.Width))
            throw new ModelContractException($"model '{model.Name}' takes {s} images, but {data.Name} has {data.Channels} x {data.Height} x {data.Width}");

        using var cleanLogits = Predictions.Logits(model.Logits, data, 256).to(ScalarType.Float64);
        int k = (int)cleanLogits.shape[1];
        if (k < 2)
            throw new ModelContractException($"model '{model.Name}' has {k} output; CLEVER needs at least 2 classes");
        for (int i = 0; i < data.Count; i++)
        {
            if (data.Labels[i] >= k)
                throw new ModelContractException($"label {data.Labels[i]} of image {i} in {data.Name} is not a class of model '{model.Name}' (it has {k} outputs)");
        }
        var logits = cleanLogits.data<double>().ToArray();
        var predictions = cleanLogits.argmax(1).data<long>().ToArray();
        var targets = TargetSelector.Select(options.Target, cleanLogits, data.Labels, Enumerable.Range(0, data.Count).ToArray(), options.Seed);

        var examples = new CleverExample[data.Count];
        long evaluations = 0;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < data.Count; i++)
        {
            long y = data.Labels[i];
            if (predictions[i] != y)
            {
                examples[i] = new CleverExample(i, y, predictions[i], null, null, null, null, null, false);
                progress?.Report(i + 1);
                continue;
            }
            var classes = targets is null ? Enumerable.Range(0, k).Select(j => (long)j).Where(j => j != y).ToArray() : [targets[i]];
            using var x0 = data.ImagesTensor([i]);
            var fits = Lipschitz(model, x0, y, classes, options, options.Seed + i, cancellationToken);
            evaluations += (long)options.Samples * options.Batches * classes.Length;
            CleverExample? best = null;
            for (int c = 0; c < classes.Length; c++)
            {
                double g0 = logits[i * k + y] - logits[i * k + classes[c]];
                double l = fits[c].Location;
                double raw = l > 0 ? g0 / l : double.PositiveInfinity;
                double radius = options.EffectiveRadius;
                var example = new CleverExample(i, y, predictions[i], classes[c], Math.Min(raw, radius), l, g0, fits[c].KsPValue, raw > radius);
                if (best is null || example.Score < best.Score)
                    best = example;
            }
            examples[i] = best!;
            progress?.Report(i + 1);
            TorchRuntime.ReleaseFreedMemory();
        }
        watch.Stop();

        var scores = examples.Where(e => e.Score is not null).Select(e => e.Score!.Value).ToList();
        int threads = options.Threads ?? TorchRuntime.DefaultThreads;
        return new CleverResult
        {
            Engine = EngineInfoFactory.Current(threads),
            Model = new ModelInfo(model.Name, model.Sha256),
            Dataset = new DatasetInfo(data.Name, data.Count, data.Sha256),
            Parameters = new CleverParameters(NormName(options.Norm), TargetNames.Name(options.Target), options.Samples, options.Batches,
                options.EffectiveRadius, options.Seed, options.BatchSize),
            CleanAccuracy = data.Count == 0 ? 0 : (double)predictions.Where((p, i) => p == data.Labels[i]).Count() / data.Count,
            Scored = scores.Count,
            MeanScore = scores.Count == 0 ? null : scores.Average(),
            GradientEvaluations = evaluations,
            Seconds = watch.Elapsed.TotalSeconds,
            Examples = examples,
        };
    }

    /// <summary>The command-line and result.json name of a norm: l2, linf or l1.</summary>
    public static string NormName(Norm norm) => norm switch
    {
        Norm.L2 => "l2",
        Norm.Linf => "linf",
        Norm.L1 => "l1",
        _ => throw new ArgumentOutOfRangeException(nameof(norm), norm, "CLEVER norms are l2, linf and l1"),
    };

    /// <summary>
    /// For each class in <paramref name="classes"/>, the reverse Weibull fit of the N_b batch maxima of the dual norm of
    /// the gradient of z_y - z_j. Every class sees the same points: one forward pass per chunk, one backward pass per class.
    /// </summary>
    public static ReverseWeibullFit[] Lipschitz(IClassifier model, Tensor x0, long label, IReadOnlyList<long> classes,
        CleverOptions options, long seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x0);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(options);
        var maxima = classes.Select(_ => new double[options.Batches]).ToArray();
        using var generator = new Generator((ulong)seed);
        for (int b = 0; b < options.Batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.ForEach(maxima, m => m[b] = double.NegativeInfinity);
            for (int start = 0; start < options.Samples; start += options.BatchSize)
            {
                using var scope = NewDisposeScope();
                int n = Math.Min(options.BatchSize, options.Samples - start);
                var points = BallSampler.Sample(x0, options.Norm, options.EffectiveRadius, n, generator);
                var norms = DualGradientNorms(model, points, label, classes, options.Norm);
                for (int c = 0; c < classes.Count; c++)
                    maxima[c][b] = Math.Max(maxima[c][b], norms[c]);
            }
        }
        return maxima.Select(ReverseWeibull.Fit).ToArray();
    }

    /// <summary>Per class, the largest dual norm over <paramref name="points"/> of the input gradient of z_label - z_class.</summary>
    private static double[] DualGradientNorms(IClassifier model, Tensor points, long label, IReadOnlyList<long> classes, Norm norm)
    {
        using var enable = enable_grad();
        var x = points.detach().clone().requires_grad_(true);
        var z = model.Logits(x);
        var result = new double[classes.Count];
        for (int c = 0; c < classes.Count; c++)
        {
            x.grad?.zero_();
            var g = (z[.., label] - z[.., classes[c]]).sum();
            g.backward(retain_graph: c + 1 < classes.Count);
            var grad = (x.grad ?? throw new InvalidOperationException($"model '{model.Name}' produced no input gradient: its output does not depend on the input"))
                .flatten(1).to(ScalarType.Float64);
            var dual = norm switch
            {
                Norm.L2 => grad.norm(1, p: 2),
                Norm.Linf => grad.abs().sum(1),
                _ => grad.abs().amax(new long[] { 1 }),
            };
            result[c] = dual.max().item<double>();
        }
        return result;
    }
}
