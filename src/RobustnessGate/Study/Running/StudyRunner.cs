using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;
using RobustnessGate.Persistence;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Frontiers;
using RobustnessGate.Study.Transferability;
using System.Diagnostics;

namespace RobustnessGate.Study.Running;

/// <summary>
/// Runs a <see cref="StudyPlan"/>: each (model, attack, target) cell is evaluated and written atomically as soon as it
/// finishes, so an interrupted run continues where it stopped and ends with the same results. Returns the assembled study.
/// A run killed outright (SIGKILL, power loss) can leave only the temporary files of <see cref="AtomicFile"/> behind, never
/// a partial cell; the next run deletes those of dead processes in its folder before it starts.
/// </summary>
public static class StudyRunner
{
    /// <summary>Runs (or resumes) the study in <paramref name="directory"/> and writes study.json there.</summary>
    /// <param name="plan">What to run.</param>
    /// <param name="data">The images (the first <see cref="StudyPlan.Count"/> are used).</param>
    /// <param name="directory">The study folder: cells, study.json, frontiers.</param>
    /// <param name="progress">Optional progress per cell.</param>
    /// <param name="cancellationToken">Cancels between steps; finished cells are kept.</param>
    /// <param name="partSeconds">Optional: receives the wall time of each part ("attack cells", "transfer sources",
    /// "clever", "transfer replay"); never written to study.json, which stays byte-identical between runs.</param>
    public static StudyResults Run(StudyPlan plan, ImageSet data, string directory, IProgress<StudyProgress>? progress = null,
        CancellationToken cancellationToken = default, IDictionary<string, double>? partSeconds = null) =>
        Run(plan, data, directory, progress, cancellationToken, partSeconds, null)!;

    /// <summary>
    /// Runs the study within <paramref name="scope"/>: with <see cref="RunScope.Includes"/> only those cells (a shard:
    /// no transfer replay, no study.json; returns null), with <see cref="RunScope.MustReuse"/> every cell must be
    /// reusable (a merge of shards). Every cell's key is reported to <see cref="RunScope.Key"/>.
    /// </summary>
    internal static StudyResults? Run(StudyPlan plan, ImageSet data, string directory, IProgress<StudyProgress>? progress,
        CancellationToken cancellationToken, IDictionary<string, double>? partSeconds, RunScope? scope)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(data);
        plan.Validate();
        TorchRuntime.Configure();
        AtomicFile.RemoveStaleTemporaries(directory);
        var store = new CellStore(directory);
        var subset = data.Take(plan.Count);
        scope ??= RunScope.Everything;
        var state = new RunState(scope.Includes is null ? plan.CellCount : StudyUnitIds.All(plan).Count(scope.Includes), progress);
        var models = new List<StudyModelInfo>();
        var cells = new List<StudyCell>();
        var results = new List<(string Model, EvaluationResult Result)>();
        var gallery = new List<GalleryItem>();
        var attacks = new List<StudyAttack>();
        var sources = new List<StudyTransfer.Source>();
        var clever = new List<StudyCleverCell>();
        var parts = new Dictionary<string, Stopwatch>(StringComparer.Ordinal)
        {
            ["attack cells"] = new(), ["transfer sources"] = new(), ["clever"] = new(), ["transfer replay"] = new(),
        };
        bool transfer = plan.Transfer is not null;
        // A caller running several scopes one after another (a worker taking units one at a time) lends its models.
        using var owned = scope.Models is null ? new LoadedModels(plan.Models) : null;
        var loaded = scope.Models ?? owned!;
        foreach (var source in plan.Models)
        {
            if (scope.Includes is not null && !StudyUnitIds.OfModel(plan, source.Name).Any(scope.Includes))
                continue;
            var model = loaded.Get(source.Name);
            if (scope.Includes is null)
                models.Add(Describe(source, model, data));
            parts["attack cells"].Start();
            foreach (var settings in plan.Attacks)
            {
                foreach (var target in plan.Targets)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var attack = settings.Create();
                    var targetName = TargetNames.Name(target);
                    if (models.Count == 1)
                        attacks.Add(new StudyAttack(attack.Name, targetName, settings.Parameters.ToDictionary(p => p.Key, p => Text(p.Value))));
                    bool inGallery = target == TargetMode.Untargeted && settings.Name == plan.GalleryAttack && plan.GalleryModels.Contains(source.Name);
                    var cell = new CellRun(source.Name, model, attack, target, inGallery, transfer);
                    var result = RunCell(plan, store, state, cell, subset, gallery, sources, scope, cancellationToken);
                    if (result is null)
                        continue;
                    cells.Add(StudyCell.From(result, source.Name));
                    results.Add((source.Name, result));
                }
            }
            parts["attack cells"].Stop();
            if (transfer)
            {
                // The transfer-only attack (FGSM eps 0.3): a cell like the others, kept out of the distortion cells.
                parts["transfer sources"].Start();
                RunCell(plan, store, state, new CellRun(source.Name, model, plan.Transfer!.Create(), TargetMode.Untargeted, false, true),
                    subset, gallery, sources, scope, cancellationToken);
                parts["transfer sources"].Stop();
            }
            parts["clever"].Start();
            foreach (var options in plan.Clever ?? [])
            {
                cancellationToken.ThrowIfCancellationRequested();
                var score = StudyClever.Run(options with { Seed = plan.Seed }, store, source.Name, model, subset, state, scope, cancellationToken);
                if (score is null)
                    continue;
                var compared = results.FirstOrDefault(r => r.Model == source.Name && r.Result.Attack.Name == StudyClever.ComparedAttack(options.Norm)
                    && r.Result.Target == TargetNames.Name(TargetMode.Untargeted)).Result;
                clever.Add(StudyClever.Cell(source.Name, score, compared));
            }
            parts["clever"].Stop();
        }
        if (scope.Includes is not null)
            return null;
        parts["transfer replay"].Start();
        IReadOnlyList<TransferMatrixCell>? matrices = transfer ? StudyTransfer.Replay(plan.Models, sources, loaded, subset, cancellationToken) : null;
        parts["transfer replay"].Stop();
        if (partSeconds is not null)
        {
            foreach (var (name, watch) in parts)
                partSeconds[name] = watch.Elapsed.TotalSeconds;
        }
        var engine = EngineInfoFactory.Current(TorchRuntime.DefaultThreads);
        var study = new StudyResults
        {
            Description = plan.Description,
            Dataset = new StudyDataset(subset.Name, subset.Count, subset.Sha256),
            Engine = $"RobustnessGate {engine.Version}, TorchSharp {engine.TorchSharp}, {engine.Threads} threads, budget {plan.Budget}",
            Models = models,
            Attacks = attacks,
            Cells = cells,
            Gallery = gallery,
            Transfer = matrices,
            Clever = clever,
        };
        StudyJson.Write(Path.Combine(directory, "study.json"), study);
        FrontierFiles.WriteAll(Path.Combine(directory, "frontiers"), FrontierFiles.Build(study, results, data.Count, data.Sha256));
        return study;
    }

    private sealed record CellRun(string Name, IClassifier Model, IAttack Attack, TargetMode Target, bool InGallery, bool KeepExamples);

    private static EvaluationResult? RunCell(StudyPlan plan, CellStore store, RunState state, CellRun cell, ImageSet subset,
        List<GalleryItem> gallery, List<StudyTransfer.Source> sources, RunScope scope, CancellationToken ct)
    {
        var (name, model, attack, target, inGallery, keepExamples) = cell;
        var targetName = TargetNames.Name(target);
        var unit = StudyUnitIds.Attack(name, attack.Name, targetName);
        if (scope.Includes is not null && !scope.Includes(unit))
            return null;
        var label = $"{name} {attack.Name} {targetName}";
        var path = store.ResultPath(name, attack.Name, targetName);
        var galleryPath = store.GalleryPath(name, attack.Name, targetName);
        var stem = store.ExamplesStem(name, attack.Name, targetName);
        var key = CellStore.Key(model.Sha256, subset, attack.Settings, target, plan.Seed).Text;
        scope.Key?.Invoke(unit, key);
        if (keepExamples)
            sources.Add(new StudyTransfer.Source(name, attack.Name, target, stem, key));
        var reused = CellStore.Reusable(path, model.Sha256, subset, attack.Settings, target, plan.Seed);
        if (reused is not null && (!inGallery || File.Exists(galleryPath))
            && (!keepExamples || TransferExamples.Read(stem, key, subset.ElementsPerImage) is not null))
        {
            if (inGallery)
                gallery.AddRange(GalleryFile.Read(galleryPath));
            state.Finished(label, reused: true);
            return reused;
        }
        scope.MustReuse?.Invoke(unit, key);
        state.Starting(label);
        var captured = new Dictionary<int, float[]>();
        int keep = keepExamples ? int.MaxValue : inGallery ? plan.GalleryImages : 0;
        var result = Evaluator.Run(model, subset, attack, new EvaluationOptions(target, null, plan.Seed),
            new SynchronousProgress<EvaluationProgress>(p => state.Within(label, p.Fraction)), ct,
            keep > 0 ? (idx, adv) => GalleryFile.Capture(idx, adv, captured, keep) : null);
        // The gallery and the examples are written before the result, so a reusable cell has them.
        if (inGallery)
        {
            var shown = captured.OrderBy(c => c.Key).Take(plan.GalleryImages).ToDictionary(c => c.Key, c => c.Value);
            var items = GalleryFile.Items(name, attack.Name, subset, result, shown);
            GalleryFile.Write(galleryPath, items);
            gallery.AddRange(items);
        }
        if (keepExamples)
            TransferExamples.From(result, captured).Write(stem, key, subset);
        ResultJson.Write(path, result);
        TorchRuntime.ReleaseFreedMemory();
        state.Finished(label, reused: false);
        return result;
    }

    private static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static StudyModelInfo Describe(StudyModelSource source, IClassifier model, ImageSet data)
    {
        long parameters = model is ModuleClassifier m ? m.Module.parameters().Sum(p => p.numel()) : 0;
        double accuracy = Predictions.Accuracy(model.Logits, data);
        return new StudyModelInfo(source.Name, source.Family, parameters, accuracy, source.Series, source.Depth, source.Width);
    }

    /// <summary>Counts cells and forwards progress.</summary>
    internal sealed class RunState(int total, IProgress<StudyProgress>? progress)
    {
        private int _done;
        private int _reused;

        public void Starting(string cell) => progress?.Report(new StudyProgress(_done, total, cell, 0, _reused));

        public void Within(string cell, double fraction) => progress?.Report(new StudyProgress(_done, total, cell, fraction, _reused));

        public void Finished(string cell, bool reused)
        {
            _done++;
            if (reused)
                _reused++;
            progress?.Report(new StudyProgress(_done, total, cell, 0, _reused));
        }
    }
}
