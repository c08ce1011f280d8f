using System.Diagnostics;
using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Running;
using static TorchSharp.torch;

namespace RobustnessGate.Study.Transferability;

/// <summary>
/// Transferability of any attack and target mode (Su et al. section 7): for every ordered pair (source, target) of a set
/// of models, the successful examples crafted on the source are classified by the target. An example counts only when
/// the target classifies its clean image correctly. Untargeted, it succeeds when the target's top-1 differs from the
/// label; targeted, when the target's top-1 is the source's target class (and, reported beside it, when that class is
/// among the target's top-5). Failed source examples are excluded; Su et al.'s reference code did not filter them.
/// Each source's examples are made once (one evaluation, success decided by its fresh forward pass) and reused for every
/// target; they are kept in memory only while that source's row is measured.
/// </summary>
public static class TransferEngine
{
    /// <summary>Classes checked by the top-5 matching rate.</summary>
    public const int TopK = 5;

    /// <summary>Measures the matrix of <paramref name="attack"/> across <paramref name="models"/> on <paramref name="data"/>.</summary>
    /// <param name="models">At least two models with distinct names; any order (the cells follow it).</param>
    /// <param name="data">The images (the first <see cref="TransferOptions.Count"/> are used).</param>
    /// <param name="attack">The attack, fully configured.</param>
    /// <param name="options">Target mode, count, seed, batching.</param>
    /// <param name="progress">Optional reports: the source being attacked and its evaluation's progress.</param>
    /// <param name="cancellationToken">Cancels between attack steps.</param>
    public static TransferMatrix Run(IReadOnlyList<IClassifier> models, ImageSet data, AttackSettings attack, TransferOptions options,
        IProgress<(string Source, EvaluationProgress Progress)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(options);
        if (models.Count < 2)
            throw new ArgumentException($"transferability: expected at least 2 models, found {models.Count}", nameof(models));
        var duplicate = models.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"transferability: expected distinct model names, found '{duplicate.Key}' {duplicate.Count()} times", nameof(models));
        var evaluation = new EvaluationOptions(options.Target, options.Count, options.Seed, options.BatchSize, options.AllowProbabilities, options.Threads);
        evaluation.Validate();
        var watch = Stopwatch.StartNew();
        TorchRuntime.Configure(options.Threads);
        data = data.Take(options.Count);

        var clean = models.ToDictionary(m => m.Name, m => CleanTopOne(m, data, options.BatchSize), StringComparer.Ordinal);
        var mode = TargetNames.Name(options.Target);
        var cells = new List<TransferMatrixCell>();
        foreach (var source in models)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var examples = SourceExamples(source, data, attack, evaluation, progress, cancellationToken);
            foreach (var target in models.Where(m => !ReferenceEquals(m, source)))
                cells.Add(Replay(source.Name, target, attack.Name, options.Target, data, clean[target.Name], examples, options.BatchSize));
        }
        watch.Stop();
        return new TransferMatrix(TransferMatrix.CurrentSchemaVersion, EngineInfoFactory.Current(options.Threads ?? TorchRuntime.DefaultThreads),
            models.Select(m => new ModelInfo(m.Name, m.Sha256)).ToList(), new DatasetInfo(data.Name, data.Count, data.Sha256),
            new AttackInfo(attack.Name, attack.Preset, attack.Parameters), mode, options.Seed, watch.Elapsed.TotalSeconds, cells);
    }

    /// <summary>The source's successful examples.</summary>
    private static TransferExamples SourceExamples(IClassifier source, ImageSet data, AttackSettings attack,
        EvaluationOptions evaluation, IProgress<(string Source, EvaluationProgress Progress)>? progress, CancellationToken ct)
    {
        var captured = new Dictionary<int, float[]>();
        var inner = progress is null ? null : new SynchronousProgress<EvaluationProgress>(p => progress.Report((source.Name, p)));
        var result = Evaluator.Run(source, data, attack.Create(), evaluation, inner, ct,
            (idx, adv) => GalleryFile.Capture(idx, adv, captured, int.MaxValue));
        return TransferExamples.From(result, captured);
    }

    /// <summary>
    /// One cell: the counting rules described on this class, their only copy of them (the study replays its stored examples
    /// through it). <paramref name="targetClean"/> is the target model's clean top-1 class of every image of
    /// <paramref name="data"/>.
    /// </summary>
    public static TransferMatrixCell Replay(string source, IClassifier target, string attack, TargetMode targetMode, ImageSet data,
        long[] targetClean, TransferExamples examples, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(targetClean);
        ArgumentNullException.ThrowIfNull(examples);
        var (indices, targets, pixels) = (examples.Indices, examples.Targets, examples.Pixels);
        var mode = TargetNames.Name(targetMode);
        bool targeted = targetMode != TargetMode.Untargeted;
        var keep = Enumerable.Range(0, indices.Length).Where(k => targetClean[indices[k]] == data.Labels[indices[k]]).ToArray();
        int per = data.ElementsPerImage, succeeded = 0, top5 = 0;
        for (int start = 0; start < keep.Length; start += batchSize)
        {
            var chunk = keep.Skip(start).Take(batchSize).ToArray();
            var rows = new float[chunk.Length * per];
            for (int j = 0; j < chunk.Length; j++)
                Array.Copy(pixels, chunk[j] * per, rows, j * per, per);
            using var adversarial = tensor(rows, new long[] { chunk.Length, data.Channels, data.Height, data.Width });
            var ranked = Predictions.TopK(target.Logits, adversarial, TopK);
            for (int j = 0; j < chunk.Length; j++)
            {
                int k = chunk[j];
                if (!targeted)
                {
                    if (ranked[j][0] != data.Labels[indices[k]])
                        succeeded++;
                    continue;
                }
                long wanted = targets[k] ?? throw new InvalidOperationException($"transferability: source '{source}' has no target class for image {indices[k]} in {mode} mode");
                if (ranked[j][0] == wanted)
                    succeeded++;
                if (ranked[j].Contains(wanted))
                    top5++;
            }
        }
        double? Rate(int n) => keep.Length == 0 ? null : (double)n / keep.Length;
        return new TransferMatrixCell(source, target.Name, attack, mode, keep.Length, succeeded, Rate(succeeded),
            targeted ? top5 : null, targeted ? Rate(top5) : null);
    }

    /// <summary>The clean top-1 class of every image of <paramref name="data"/> on <paramref name="model"/>.</summary>
    public static long[] CleanTopOne(IClassifier model, ImageSet data, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var logits = Predictions.Logits(model.Logits, data, batchSize);
        using var top = logits.argmax(1);
        return top.data<long>().ToArray();
    }
}
