using RobustnessGate.Attacks;
using RobustnessGate.Evaluation;
using RobustnessGate.Runtime;

namespace RobustnessGate.Study.Running;

/// <summary>
/// Where a study keeps its per-cell results: one atomically written result.json per (model, attack, target). A cell is
/// reused on a later run only when model fingerprint, data fingerprint, attack settings, target, seed and engine all match.
/// </summary>
internal sealed class CellStore(string directory)
{
    public string Directory { get; } = directory;

    public string ResultPath(string model, string attack, string target) =>
        Path.Combine(Directory, "cells", Safe(model), $"{attack}-{target}.json");

    public string GalleryPath(string model, string attack, string target) =>
        Path.Combine(Directory, "cells", Safe(model), $"{attack}-{target}.gallery.json");

    public string TransferPath(string model, string extension) =>
        Path.Combine(Directory, "transfer", Safe(model) + extension);

    /// <summary>
    /// The cell's cache key beyond model, data, target and seed: the attack's name, preset and every parameter, and the
    /// engine (tool version, TorchSharp version, thread count), since any of them can change the numbers.
    /// </summary>
    public static string Key(AttackSettings settings) => Key(settings.Name, settings.Preset, settings.Parameters, EngineInfoFactory.Current(TorchRuntime.DefaultThreads));

    private static string Key(string attack, string? preset, IReadOnlyDictionary<string, object> parameters, EngineInfo engine) =>
        AttackSettings.Canonical(attack, preset, parameters) + $"|{engine.Name} {engine.Version}|TorchSharp {engine.TorchSharp}|threads {engine.Threads}";

    public static EvaluationResult? Reusable(string path, string modelSha, string datasetSha, AttackSettings settings, string target, long seed)
    {
        if (!File.Exists(path))
            return null;
        EvaluationResult r;
        try
        {
            r = ResultJson.Read(path);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        bool same = r.Model.Sha256 == modelSha && r.Dataset.Sha256 == datasetSha && r.Target == target && r.Seed == seed &&
                    Key(r.Attack.Name, r.Attack.Preset, r.Attack.Parameters, r.Engine) == Key(settings);
        return same ? r : null;
    }

    private static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
