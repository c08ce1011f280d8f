using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RobustnessGate.Gate;

/// <summary>
/// A gate threshold file (thresholds/*.json), schema version 2: checks with a model, data, an attack bound to its
/// definition, metric bands (Stryker's high / low / break, direction known per metric), regression tolerances against the
/// approved baseline, and a frontier. Version 1 files (min/max bounds) are still read: a bound on the bad side becomes
/// 'break'. Comments and trailing commas are allowed; unknown keys, unknown metrics, attack options the attack does not take,
/// rates outside [0, 1], bands out of order and duplicate ids are errors naming the file, the check, the field, the
/// expected and the found value. Relative paths resolve against the file's folder.
/// </summary>
public sealed partial class ThresholdFile
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int CurrentSchemaVersion = 2;

    private static readonly string[] TopKeys = ["$schema", "schemaVersion", "defaults", "checks"];
    internal static readonly string[] DefaultKeys = ["dataset", "count", "seed", "maxRegression"];
    internal static readonly string[] CheckKeys = ["id", "description", "model", "normalization", "dataset", "attack", "budget", "preset", "options",
        "target", "count", "seed", "metrics", "maxRegression", "acceptSanity", "frontier"];
    internal static readonly string[] V1CheckKeys = ["id", "description", "model", "attack", "preset", "options", "target", "count", "seed", "bounds"];

    private ThresholdFile(string path, IReadOnlyList<GateCheck> checks)
    {
        Path = path;
        Checks = checks;
    }

    /// <summary>The file (absolute path).</summary>
    public string Path { get; }

    /// <summary>The folder relative paths resolve against.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>The checks, in file order.</summary>
    public IReadOnlyList<GateCheck> Checks { get; }

    /// <summary>Reads and validates <paramref name="path"/>.</summary>
    public static ThresholdFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
            throw new ThresholdFileException($"{path}: threshold file not found");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ThresholdFileException($"{path}: not valid JSON ({e.Message})", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ThresholdFileException($"{path}: expected a JSON object at the top, found {root.ValueKind}");
            RejectUnknown(path, "the top level", root, TopKeys);
            int version = root.TryGetProperty("schemaVersion", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : -1;
            if (version is not (1 or CurrentSchemaVersion))
                throw new ThresholdFileException($"{path}: field 'schemaVersion': expected 1 or {CurrentSchemaVersion}, found {(root.TryGetProperty("schemaVersion", out var f) ? f.GetRawText() : "nothing")}");
            var reader = new ThresholdReader(path, version);
            if (root.TryGetProperty("defaults", out var defaults))
            {
                if (version == 1)
                    throw new ThresholdFileException($"{path}: field 'defaults' needs schemaVersion 2");
                reader.ReadDefaults(defaults);
            }
            if (!root.TryGetProperty("checks", out var checks) || checks.ValueKind != JsonValueKind.Array)
                throw new ThresholdFileException($"{path}: field 'checks': expected an array of checks");
            var list = new List<GateCheck>();
            int index = 0;
            foreach (var c in checks.EnumerateArray())
            {
                var check = reader.ReadCheck(c, index++);
                if (list.Any(x => x.Id == check.Id))
                    throw new ThresholdFileException($"{path}: checks[{index - 1}]: field 'id': '{check.Id}' appears twice; ids must be unique (they name snapshot files)");
                list.Add(check);
            }
            if (list.Count == 0)
                throw new ThresholdFileException($"{path}: field 'checks': expected at least one check, found none (a gate that checks nothing would pass silently)");
            return new ThresholdFile(path, list);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    internal static partial Regex IdPattern();

    internal static void RejectUnknown(string path, string where, JsonElement e, string[] known)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (!known.Contains(p.Name, StringComparer.Ordinal))
                throw new ThresholdFileException($"{path}: {where}: unknown field '{p.Name}'; expected one of {string.Join(", ", known)}");
        }
    }

    internal static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
