using System.Text.Json;
using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using static TorchSharp.torch;
using RobustnessGate.Persistence;

namespace RobustnessGate.Study.Running;

/// <summary>
/// Transferability (Su et al. section 7): the successful untargeted examples of each source model are replayed on every
/// other model. Only images the target model classifies correctly count; success means the target's prediction changes.
/// Failed source examples are dropped (the reference code kept them as NaN arrays).
/// </summary>
internal static class TransferRunner
{
    private sealed record SourceFile(string ModelSha256, string DatasetSha256, string Parameters, int[] Indices);

    public static IReadOnlyList<TransferCell> Run(StudyPlan plan, CellStore store, LoadedModels loaded, ImageSet data,
        StudyRunner.RunState state, CancellationToken ct)
    {
        var settings = plan.Transfer!;
        var sources = new Dictionary<string, (int[] Indices, float[] Pixels)>(StringComparer.Ordinal);
        foreach (var source in plan.Models)
        {
            ct.ThrowIfCancellationRequested();
            var attack = settings.Create();
            sources[source.Name] = SourceExamples(plan, store, loaded.Get(source.Name), source.Name, data, attack, state, ct);
        }
        using var images = data.ImagesTensor();
        var clean = plan.Models.ToDictionary(m => m.Name, m => Predict(loaded.Get(m.Name), images), StringComparer.Ordinal);
        var cells = new List<TransferCell>();
        int per = data.ElementsPerImage;
        foreach (var source in plan.Models)
        {
            var (indices, pixels) = sources[source.Name];
            foreach (var target in plan.Models.Where(m => m.Name != source.Name))
            {
                var keep = Enumerable.Range(0, indices.Length).Where(k => clean[target.Name][indices[k]] == data.Labels[indices[k]]).ToArray();
                int succeeded = 0;
                if (keep.Length > 0)
                {
                    var rows = new float[keep.Length * per];
                    for (int k = 0; k < keep.Length; k++)
                        Array.Copy(pixels, keep[k] * per, rows, k * per, per);
                    using var adversarial = tensor(rows, new long[] { keep.Length, data.Channels, data.Height, data.Width });
                    var predicted = Predict(loaded.Get(target.Name), adversarial);
                    succeeded = keep.Where((k, j) => predicted[j] != data.Labels[indices[k]]).Count();
                }
                cells.Add(new TransferCell(settings.Name, source.Name, target.Name, keep.Length, succeeded));
            }
        }
        return cells;
    }

    private static (int[] Indices, float[] Pixels) SourceExamples(StudyPlan plan, CellStore store, IClassifier model, string name,
        ImageSet data, IAttack attack, StudyRunner.RunState state, CancellationToken ct)
    {
        var label = $"{name} {attack.Name} transfer-source";
        var jsonPath = store.TransferPath(name, ".json");
        var npyPath = store.TransferPath(name, ".npy");
        var parameters = CellStore.Key(model.Sha256, data, attack.Settings, TargetMode.Untargeted, plan.Seed).Text;
        if (File.Exists(jsonPath) && File.Exists(npyPath))
        {
            var saved = JsonSerializer.Deserialize<SourceFile>(File.ReadAllText(jsonPath), StudyJson.Options);
            if (saved is not null && saved.ModelSha256 == model.Sha256 && saved.DatasetSha256 == data.Sha256 && saved.Parameters == parameters)
            {
                state.Finished(label, reused: true);
                return (saved.Indices, NpyReader.ReadFloats(npyPath).Values);
            }
        }
        state.Starting(label);
        var captured = new Dictionary<int, float[]>();
        var result = Evaluator.Run(model, data, attack, new EvaluationOptions(TargetMode.Untargeted, null, plan.Seed),
            new SynchronousProgress<EvaluationProgress>(p => state.Within(label, p.Fraction)), ct,
            (idx, adv) => GalleryFile.Capture(idx, adv, captured, int.MaxValue));
        var indices = captured.Keys.Where(i => result.Examples[i].Success).Order().ToArray();
        var pixels = indices.SelectMany(i => captured[i]).ToArray();
        NpyWriter.WriteFloats(npyPath, pixels, [indices.Length, data.Channels, data.Height, data.Width]);
        // The JSON is written last: it marks the pair of files as complete.
        AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(new SourceFile(model.Sha256, data.Sha256, parameters, indices), StudyJson.Options));
        state.Finished(label, reused: false);
        return (indices, pixels);
    }

    private static long[] Predict(IClassifier model, Tensor images) => Predictions.TopOne(model.Logits, images);
}
