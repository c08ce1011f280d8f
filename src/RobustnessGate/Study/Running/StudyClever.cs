using System.Text.Json;
using RobustnessGate.Attacks;
using RobustnessGate.Clever;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Metrics;
using RobustnessGate.Models;
using RobustnessGate.Runtime;

namespace RobustnessGate.Study.Running;

/// <summary>
/// The study's CLEVER cells (Weng et al., ICLR 2018): one result file per (model, norm, target), written atomically and
/// reused by a later run when model, images, settings and engine all match, like the attack cells.
/// </summary>
internal static class StudyClever
{
    /// <summary>The untargeted study attack whose per-image distortion a CLEVER score of <paramref name="norm"/> is compared
    /// with: C&amp;W for L2, I-FGSM for L-inf, EAD for L1 (the norm each minimises, as in <see cref="Analysis.AnalysisOptions.Default"/>).</summary>
    public static string ComparedAttack(Norm norm) => norm switch
    {
        Norm.L2 => "cw",
        Norm.Linf => "ifgsm",
        _ => "ead",
    };

    public static CleverResult? Run(CleverOptions options, CellStore store, string name, IClassifier model, ImageSet subset,
        StudyRunner.RunState state, RunScope scope, CancellationToken ct)
    {
        var norm = CleverEstimator.NormName(options.Norm);
        var target = TargetNames.Name(options.Target);
        var unit = StudyUnitIds.Clever(name, norm, target);
        if (scope.Includes is not null && !scope.Includes(unit))
            return null;
        var label = $"{name} clever-{norm} {target}";
        var path = store.CleverPath(name, norm, target);
        int count = Math.Min(options.Count ?? subset.Count, subset.Count);
        var expected = Key(model, subset.Take(count), options);
        scope.Key?.Invoke(unit, expected);
        if (File.Exists(path))
        {
            try
            {
                var saved = CleverJson.Read(path);
                if (Key(saved) == expected)
                {
                    state.Finished(label, reused: true);
                    return saved;
                }
            }
            catch (InvalidDataException)
            {
                // An unreadable cell is computed again.
            }
        }
        scope.MustReuse?.Invoke(unit, expected);
        state.Starting(label);
        var result = CleverEstimator.Run(model, subset, options with { Count = count }, new SynchronousProgress<int>(done => state.Within(label, (double)done / count)), ct);
        CleverJson.Write(path, result);
        TorchRuntime.ReleaseFreedMemory();
        state.Finished(label, reused: false);
        return result;
    }

    /// <summary>The study cell of <paramref name="result"/>, each image beside the compared attack's distortion of it.</summary>
    public static StudyCleverCell Cell(string model, CleverResult result, EvaluationResult? compared)
    {
        var norm = result.Parameters.Norm;
        var images = result.Examples.Where(e => e.Score is not null).Select(e =>
        {
            var a = compared?.Examples.FirstOrDefault(x => x.Index == e.Index);
            double? distortion = a is { Success: true } ? norm switch { "l2" => a.L2, "linf" => a.Linf, _ => a.L1 } : null;
            return new CleverImage(e.Index, e.Score!.Value, e.Capped, distortion);
        }).ToList();
        var p = result.Parameters;
        return new StudyCleverCell(model, norm, p.Target, p.Samples, p.Batches, p.Radius, result.Scored,
            images.Count == 0 ? Summary.None : Summary.Of(images.Select(i => i.Score).ToList()), compared?.Attack.Name, images);
    }

    private static string Key(IClassifier model, ImageSet data, CleverOptions o) => JsonSerializer.Serialize(new
    {
        Model = model.Sha256,
        Data = new DatasetInfo(data.Name, data.Count, data.Sha256),
        Parameters = new CleverParameters(CleverEstimator.NormName(o.Norm), TargetNames.Name(o.Target), o.Samples, o.Batches, o.EffectiveRadius, o.Seed, o.BatchSize),
        Engine = EngineInfoFactory.Current(o.Threads ?? TorchRuntime.DefaultThreads),
    });

    private static string Key(CleverResult r) => JsonSerializer.Serialize(new { Model = r.Model.Sha256, Data = r.Dataset, r.Parameters, r.Engine });
}
