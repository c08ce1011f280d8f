using System.Text.Json;
using RobustnessGate.Evaluation;

namespace RobustnessGate.Study.Running;

/// <summary>
/// Where a study keeps its per-cell results: one atomically written result.json per (model, attack, target). A cell is
/// reused on a later run only when model fingerprint, data fingerprint, attack parameters, target and seed all match.
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

    public static EvaluationResult? Reusable(string path, string modelSha, string datasetSha, string attack,
        IReadOnlyDictionary<string, object> parameters, string target, long seed)
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
        bool same = r.Model.Sha256 == modelSha && r.Dataset.Sha256 == datasetSha && r.Attack.Name == attack &&
                    r.Target == target && r.Seed == seed && Canonical(r.Attack.Parameters) == Canonical(parameters);
        return same ? r : null;
    }

    public static string Canonical(IReadOnlyDictionary<string, object> parameters) =>
        string.Join(";", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + (p.Value is JsonElement e ? e.GetRawText() : JsonSerializer.Serialize(p.Value))));

    private static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
