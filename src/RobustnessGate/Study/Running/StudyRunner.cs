using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;
using RobustnessGate.Persistence;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Frontiers;

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
    public static StudyResults Run(StudyPlan plan, ImageSet data, string directory, IProgress<StudyProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(data);
        plan.Validate();
        TorchRuntime.Configure();
        AtomicFile.RemoveStaleTemporaries(directory);
        var store = new CellStore(directory);
        var subset = data.Take(plan.Count);
        var state = new RunState(plan, progress);
        var models = new List<StudyModelInfo>();
        var cells = new List<StudyCell>();
        var results = new List<(string Model, EvaluationResult Result)>();
        var gallery = new List<GalleryItem>();
        var attacks = new List<StudyAttack>();
        using var loaded = new LoadedModels(plan.Models);
        foreach (var source in plan.Models)
        {
            var model = loaded.Get(source.Name);
            models.Add(Describe(source, model, data));
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
                    var result = RunCell(plan, store, state, source.Name, model, subset, attack, target, inGallery, gallery, cancellationToken);
                    cells.Add(StudyCell.From(result, source.Name));
                    results.Add((source.Name, result));
                }
            }
        }
        IReadOnlyList<TransferCell>? transfer = plan.Transfer is null ? null
            : TransferRunner.Run(plan, store, loaded, subset, state, cancellationToken);
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
            Transfer = transfer,
        };
        StudyJson.Write(Path.Combine(directory, "study.json"), study);
        FrontierFiles.WriteAll(Path.Combine(directory, "frontiers"), FrontierFiles.Build(study, results, data.Count, data.Sha256));
        return study;
    }

    private static EvaluationResult RunCell(StudyPlan plan, CellStore store, RunState state, string name, IClassifier model, ImageSet subset,
        IAttack attack, TargetMode target, bool inGallery, List<GalleryItem> gallery, CancellationToken ct)
    {
        var targetName = TargetNames.Name(target);
        var label = $"{name} {attack.Name} {targetName}";
        var path = store.ResultPath(name, attack.Name, targetName);
        var galleryPath = store.GalleryPath(name, attack.Name, targetName);
        var reused = CellStore.Reusable(path, model.Sha256, subset, attack.Settings, target, plan.Seed);
        if (reused is not null && (!inGallery || File.Exists(galleryPath)))
        {
            if (inGallery)
                gallery.AddRange(GalleryFile.Read(galleryPath));
            state.Finished(label, reused: true);
            return reused;
        }
        state.Starting(label);
        var captured = new Dictionary<int, float[]>();
        var result = Evaluator.Run(model, subset, attack, new EvaluationOptions(target, null, plan.Seed),
            new SynchronousProgress<EvaluationProgress>(p => state.Within(label, p.Fraction)), ct,
            inGallery ? (idx, adv) => GalleryFile.Capture(idx, adv, captured, plan.GalleryImages) : null);
        if (inGallery)
        {
            var items = GalleryFile.Items(name, attack.Name, subset, result, captured);
            GalleryFile.Write(galleryPath, items);
            gallery.AddRange(items);
        }
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
    internal sealed class RunState(StudyPlan plan, IProgress<StudyProgress>? progress)
    {
        private int _done;
        private int _reused;

        public void Starting(string cell) => progress?.Report(new StudyProgress(_done, plan.CellCount, cell, 0, _reused));

        public void Within(string cell, double fraction) => progress?.Report(new StudyProgress(_done, plan.CellCount, cell, fraction, _reused));

        public void Finished(string cell, bool reused)
        {
            _done++;
            if (reused)
                _reused++;
            progress?.Report(new StudyProgress(_done, plan.CellCount, cell, 0, _reused));
        }
    }
}
