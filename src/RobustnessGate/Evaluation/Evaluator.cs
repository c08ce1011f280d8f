using System.Diagnostics;
using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Evaluation.Sanity;
using RobustnessGate.Metrics;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using static TorchSharp.torch;

namespace RobustnessGate.Evaluation;

/// <summary>
/// Runs one attack on one model over one data set, Su et al.'s protocol: only correctly classified images are attacked;
/// success is re-checked by a separate forward pass on the returned examples, which must lie in [0, 1] and within the
/// attack's budget; distortions are summarised over successful examples only. Sanity checks run with every evaluation
/// (<see cref="SanityChecks"/>): non-finite logits are refused before any attack, other findings are reported in
/// <see cref="EvaluationResult.Sanity"/>.
/// </summary>
public static class Evaluator
{
    /// <summary>Tolerance of the budget check: float32 rounding of x + eps can exceed eps by a few ulps of 1 (6e-8).</summary>
    public const double BoundTolerance = 1e-6;

    /// <summary>
    /// Batches handed at once to an attack that refills its own rows (<see cref="IContinuousBatching"/>): it runs them in
    /// <see cref="EvaluationOptions.BatchSize"/> rows, and a row freed by a finished example takes an example of a later
    /// batch instead of idling until its batch's slowest example ends. Eight bounds the per-example state such an attack
    /// keeps (a few images per example) to eight batches' worth.
    /// </summary>
    public const int QueuedBatches = 8;

    /// <summary>Evaluates <paramref name="attack"/> on <paramref name="model"/> over <paramref name="data"/>.</summary>
    /// <param name="model">The classifier.</param>
    /// <param name="data">The images (the first <see cref="EvaluationOptions.Count"/> are used).</param>
    /// <param name="attack">The attack.</param>
    /// <param name="options">Target mode, seed, batching.</param>
    /// <param name="progress">Optional progress reports.</param>
    /// <param name="cancellationToken">Cancels between attack steps.</param>
    /// <param name="onAdversarial">Optional sink for the returned examples of each batch: data set indices and the N x C x H x W
    /// tensor (valid only during the call), e.g. to save them for transferability.</param>
    public static EvaluationResult Run(IClassifier model, ImageSet data, IAttack attack, EvaluationOptions options,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default,
        Action<IReadOnlyList<int>, Tensor>? onAdversarial = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TorchRuntime.Configure(options.Threads);
        data = data.Take(options.Count);
        CheckShape(model, data);

        progress?.Report(new EvaluationProgress(0, 0, 0, "clean predictions"));
        using var cleanLogits = Predict(model, data, options.BatchSize);
        SanityChecks.RefuseNonFinite(model, data, cleanLogits);
        CheckLogits(model, data, cleanLogits, options.AllowProbabilities);
        var clean = cleanLogits.argmax(1).data<long>().ToArray();
        var correct = Enumerable.Range(0, data.Count).Where(i => clean[i] == data.Labels[i]).ToArray();
        long[]? allTargets = null;
        if (options.Target != TargetMode.Untargeted)
            allTargets = TargetSelector.Select(options.Target, cleanLogits, data.Labels, Enumerable.Range(0, data.Count).ToArray(), options.Seed);

        progress?.Report(new EvaluationProgress(0, correct.Length, 0, "sanity checks"));
        var sanity = new List<SanityFlag?>
        {
            SanityChecks.NondeterministicForward(model, data, cleanLogits, options.BatchSize),
            SanityChecks.ZeroGradients(model, data, correct, allTargets, options.BatchSize),
        };

        var adversarialPrediction = new long?[data.Count];
        var success = new bool[data.Count];
        var distortion = new Distortion?[data.Count];
        var extras = new Dictionary<string, double>?[data.Count];
        var watch = Stopwatch.StartNew();
        int perRun = attack is IContinuousBatching ? options.BatchSize * QueuedBatches : options.BatchSize;
        for (int start = 0, batchNo = 0; start < correct.Length; start += perRun, batchNo++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var idx = correct.Skip(start).Take(perRun).ToArray();
            int done = start;
            var inner = progress is null ? null : new SynchronousProgress<AttackProgress>(p =>
                progress.Report(new EvaluationProgress(done, correct.Length, p.Total == 0 ? 0 : (double)p.Done / p.Total, p.Stage)));
            AttackIndices(model, data, attack, options, idx, allTargets, batchNo, inner, cancellationToken,
                adversarialPrediction, success, distortion, extras, onAdversarial);
            progress?.Report(new EvaluationProgress(Math.Min(correct.Length, start + idx.Length), correct.Length, 0, attack.Name));
            TorchRuntime.ReleaseFreedMemory();
        }
        watch.Stop();

        progress?.Report(new EvaluationProgress(correct.Length, correct.Length, 0, "sanity checks"));
        var unbroken = correct.Where(i => !success[i]).ToArray();
        sanity.Add(SanityChecks.UnboundedNotTotal(attack, correct.Length, success.Count(s => s)));
        sanity.Add(SanityChecks.NoiseBeatsAttack(model, data, attack, unbroken, allTargets, options.Seed, options.BatchSize));
        sanity.Add(SanityChecks.SuccessNotMonotone(model, data, attack, unbroken, allTargets, options.Seed));
        return Build(model, data, attack, options, clean, correct.Length, allTargets, adversarialPrediction, success, distortion, extras, watch.Elapsed.TotalSeconds)
            with { Sanity = sanity.OfType<SanityFlag>().ToList() };
    }

    private static void AttackIndices(IClassifier model, ImageSet data, IAttack attack, EvaluationOptions options, int[] idx,
        long[]? allTargets, int batchNo, IProgress<AttackProgress>? inner, CancellationToken ct,
        long?[] adversarialPrediction, bool[] success, Distortion?[] distortion, Dictionary<string, double>?[] extras,
        Action<IReadOnlyList<int>, Tensor>? onAdversarial)
    {
        using var scope = NewDisposeScope();
        var x = data.ImagesTensor(idx);
        var y = tensor(idx.Select(i => data.Labels[i]).ToArray());
        var t = allTargets is null ? null : tensor(idx.Select(i => allTargets[i]).ToArray());
        var batch = new AttackBatch(model, x, y, t, options.Seed + batchNo) { Rows = options.BatchSize };
        using var output = attack.Run(batch, inner, ct);
        var adv = output.Adversarial.detach();
        var norms = CheckOutput(attack, x, adv);
        onAdversarial?.Invoke(idx, adv);

        // The verdict comes from a fresh forward pass on exactly the returned images, never from the attack's own bookkeeping.
        var predicted = Predictions.TopOne(model.Logits, adv);
        for (int k = 0; k < idx.Length; k++)
        {
            int i = idx[k];
            adversarialPrediction[i] = predicted[k];
            success[i] = allTargets is null ? predicted[k] != data.Labels[i] : predicted[k] == allTargets[i];
            if (success[i])
                distortion[i] = norms[k];
            if (output.PerExample.Count > 0)
                extras[i] = output.PerExample.ToDictionary(kv => kv.Key, kv => kv.Value[k]);
        }
    }

    /// <summary>Checks shape, box and budget; returns the per-example norms it measured, which the caller reports.</summary>
    private static Distortion[] CheckOutput(IAttack attack, Tensor x, Tensor adv)
    {
        if (!adv.shape.SequenceEqual(x.shape))
            throw new ModelContractException($"attack '{attack.Name}' returned shape [{string.Join(", ", adv.shape)}] for inputs [{string.Join(", ", x.shape)}]");
        double min = adv.min().item<float>(), max = adv.max().item<float>();
        if (!(min >= 0 && max <= 1))
            throw new ModelContractException($"attack '{attack.Name}' returned pixels in [{min}, {max}], outside the box [0, 1]");
        var norms = Norms.Of(x, adv);
        if (attack.Bound is { } bound)
        {
            var worst = norms.Max(d => bound.Norm switch { Norm.Linf => d.Linf, Norm.L2 => d.L2, Norm.L1 => d.L1, _ => d.L0 });
            if (worst > bound.Epsilon * (1 + 1e-5) + BoundTolerance)
                throw new ModelContractException($"attack '{attack.Name}' returned a perturbation of {bound.Norm} norm {worst}, above its budget {bound.Epsilon}");
        }
        return norms;
    }

    private static Tensor Predict(IClassifier model, ImageSet data, int batchSize)
    {
        try
        {
            return Predictions.Logits(model.Logits, data, batchSize, (x, logits) =>
            {
                if (logits.dim() != 2 || logits.shape[0] != x.shape[0])
                    throw new ModelContractException($"model '{model.Name}' must return N x K logits; for a batch of {x.shape[0]} it returned [{string.Join(", ", logits.shape)}]");
            });
        }
        catch (InvalidCastException e)
        {
            // TorchSharp casts forward's IValue to a tensor: a tuple, list or dict output ends here on the first pass.
            var kind = e.Message.Contains("Dictionary", StringComparison.Ordinal) ? "a dict"
                : e.Message.Contains("Tuple", StringComparison.Ordinal) || e.Message.Contains("[]", StringComparison.Ordinal) ? "a tuple" : "something other than a tensor";
            throw new ModelContractException($"model '{model.Name}' returns {kind} from forward, expected one logits tensor of shape N x K ({ModelLoader.FirstLine(e.Message)}); export a module that returns only the logits", e);
        }
        catch (Exception e) when (e is System.Runtime.InteropServices.ExternalException or ArgumentException)
        {
            throw new ModelContractException($"model '{model.Name}' failed on {data.Name} images of shape {data.Channels} x {data.Height} x {data.Width}: {ModelLoader.FirstLine(e.Message)}", e);
        }
    }

    private static void CheckShape(IClassifier model, ImageSet data)
    {
        if (model.InputShape is { } s && (s.Channels != data.Channels || s.Height != data.Height || s.Width != data.Width))
            throw new ModelContractException($"model '{model.Name}' takes {s} images, but {data.Name} has {data.Channels} x {data.Height} x {data.Width}");
    }

    private static void CheckLogits(IClassifier model, ImageSet data, Tensor logits, bool allowProbabilities)
    {
        long k = logits.shape[1];
        for (int i = 0; i < data.Count; i++)
        {
            if (data.Labels[i] >= k)
                throw new ModelContractException($"label {data.Labels[i]} of image {i} in {data.Name} is not a class of model '{model.Name}' (it has {k} outputs)");
        }
        if (!allowProbabilities && OutputChecks.LooksLikeProbabilities(logits))
        {
            throw new ModelContractException(
                $"model '{model.Name}' returns probabilities (every output row is in [0, 1] and sums to 1), but attacks need logits: " +
                "gradients through a softmax vanish and the attacks become silently weak. Export the model without its final softmax, " +
                "or allow probability outputs explicitly (evaluation option AllowProbabilities) to attack it anyway.");
        }
    }

    /// <summary>The curve from per-example "epsilon" values, or null when the attack reports none.</summary>
    private static List<SuccessCurvePoint>? SuccessCurve(ExampleResult[] examples, int attacked)
    {
        const string Key = "epsilon";
        if (attacked == 0 || !examples.Any(e => e.Attacked && e.Extra is not null && e.Extra.ContainsKey(Key)))
            return null;
        var budgets = examples.Where(e => e.Success && e.Extra?.GetValueOrDefault(Key) is not null)
            .Select(e => e.Extra![Key]!.Value).Order().ToList();
        var curve = new List<SuccessCurvePoint>();
        for (int i = 0; i < budgets.Count; i++)
        {
            if (i + 1 < budgets.Count && budgets[i + 1] == budgets[i])
                continue;
            curve.Add(new SuccessCurvePoint(budgets[i], (double)(i + 1) / attacked));
        }
        return curve;
    }

    private static EvaluationResult Build(IClassifier model, ImageSet data, IAttack attack, EvaluationOptions options, long[] clean,
        int attacked, long[]? targets, long?[] adversarialPrediction, bool[] success, Distortion?[] distortion,
        Dictionary<string, double>?[] extras, double seconds)
    {
        var examples = new ExampleResult[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            var d = distortion[i];
            examples[i] = new ExampleResult(i, data.Labels[i], targets?[i], clean[i], adversarialPrediction[i],
                adversarialPrediction[i] is not null, success[i], d?.L0, d?.L1, d?.L2, d?.Linf,
                extras[i]?.ToDictionary(kv => kv.Key, kv => double.IsFinite(kv.Value) ? (double?)kv.Value : null));
        }
        var ok = distortion.Where(d => d is not null).Select(d => d!.Value).ToList();
        int succeeded = success.Count(s => s);
        int correct = clean.Where((c, i) => c == data.Labels[i]).Count();
        return new EvaluationResult
        {
            Engine = EngineInfoFactory.Current(options.Threads ?? TorchRuntime.DefaultThreads),
            Model = new ModelInfo(model.Name, model.Sha256),
            Dataset = new DatasetInfo(data.Name, data.Count, data.Sha256),
            Attack = new AttackInfo(attack.Name, attack.Settings.Preset, attack.Settings.Parameters),
            Target = TargetNames.Name(options.Target),
            Seed = options.Seed,
            CleanAccuracy = (double)correct / data.Count,
            Attacked = attacked,
            Succeeded = succeeded,
            SuccessRate = attacked == 0 ? null : (double)succeeded / attacked,
            RobustAccuracy = (double)(correct - succeeded) / data.Count,
            Distortion = new DistortionStatistics(
                Summary.Of(ok.Select(d => d.L0).ToList()), Summary.Of(ok.Select(d => d.L1).ToList()),
                Summary.Of(ok.Select(d => d.L2).ToList()), Summary.Of(ok.Select(d => d.Linf).ToList())),
            Seconds = seconds,
            SuccessCurve = SuccessCurve(examples, attacked),
            Examples = examples,
        };
    }
}
