using RobustnessGate.Attacks;
using RobustnessGate.Data;
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

    /// <summary>The stem of a cell's successful examples (stem.npy and stem.json, see <see cref="Transferability.TransferExamples"/>).</summary>
    public string ExamplesStem(string model, string attack, string target) =>
        Path.Combine(Directory, "cells", Safe(model), $"{attack}-{target}.examples");

    /// <summary>The path of a unit's files without extension (<see cref="StudyUnitIds"/>): its result is stem.json.</summary>
    public string UnitStem(string unit)
    {
        int slash = unit.LastIndexOf('/');
        return Path.Combine(Directory, "cells", Safe(unit[..slash]), unit[(slash + 1)..]);
    }

    /// <summary>The files that hold a unit (result, gallery, examples), those that exist.</summary>
    public IEnumerable<string> UnitFiles(string unit)
    {
        var stem = UnitStem(unit);
        return new[] { ".json", ".gallery.json", ".examples.npy", ".examples.json" }.Select(e => stem + e).Where(File.Exists);
    }

    public string CleverPath(string model, string norm, string target) =>
        Path.Combine(Directory, "cells", Safe(model), $"clever-{norm}-{target}.json");

    /// <summary>
    /// The result at <paramref name="path"/> when it was measured exactly as this cell would be: the same
    /// <see cref="CacheKey"/> (model, evaluated images, attack name, preset and parameters, target, seed and engine);
    /// otherwise null, as for a missing or unreadable file.
    /// </summary>
    public static EvaluationResult? Reusable(string path, string modelSha, ImageSet subset, AttackSettings settings, TargetMode target, long seed)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            var r = ResultJson.Read(path);
            return CacheKey.Of(r) == Key(modelSha, subset, settings, target, seed) ? r : null;
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The key of a cell's evaluation with the running engine.</summary>
    public static CacheKey Key(string modelSha, ImageSet subset, AttackSettings settings, TargetMode target, long seed) =>
        CacheKey.For(modelSha, subset, null, settings, target, seed, EngineInfoFactory.Current(TorchRuntime.DefaultThreads));

    private static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
