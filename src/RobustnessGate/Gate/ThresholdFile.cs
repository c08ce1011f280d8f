using System.Globalization;
using System.Text.Json;
using RobustnessGate.Attacks;

namespace RobustnessGate.Gate;

/// <summary>
/// A gate threshold file (thresholds/*.json): a schema version and a list of checks. Comments and trailing commas are
/// allowed; unknown keys, unknown metrics and attacks, bad attack options and inconsistent bounds are errors whose message
/// names the file, the check and the field.
/// </summary>
public sealed class ThresholdFile
{
    /// <summary>The schema version this code reads.</summary>
    public const int CurrentSchemaVersion = 1;

    private static readonly string[] TopKeys = ["$schema", "schemaVersion", "checks"];
    private static readonly string[] CheckKeys = ["id", "model", "attack", "preset", "options", "target", "count", "seed", "bounds", "description"];

    private ThresholdFile(string path, IReadOnlyList<GateCheck> checks)
    {
        Path = path;
        Checks = checks;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The checks, in file order.</summary>
    public IReadOnlyList<GateCheck> Checks { get; }

    /// <summary>Reads and validates <paramref name="path"/>.</summary>
    public static ThresholdFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
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
                throw new ThresholdFileException($"{path}: expected a JSON object at the top");
            RejectUnknown(path, "the top level", root, TopKeys);
            if (!root.TryGetProperty("schemaVersion", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != CurrentSchemaVersion)
                throw new ThresholdFileException($"{path}: field 'schemaVersion' must be {CurrentSchemaVersion}");
            if (!root.TryGetProperty("checks", out var checks) || checks.ValueKind != JsonValueKind.Array)
                throw new ThresholdFileException($"{path}: field 'checks' must be an array of checks");
            var list = new List<GateCheck>();
            int n = 0;
            foreach (var c in checks.EnumerateArray())
            {
                var check = ReadCheck(path, c, n++);
                if (list.Any(x => x.Id == check.Id))
                    throw new ThresholdFileException($"{path}: check id '{check.Id}' appears twice; ids must be unique");
                list.Add(check);
            }
            return new ThresholdFile(path, list);
        }
    }

    private static GateCheck ReadCheck(string path, JsonElement c, int index)
    {
        if (c.ValueKind != JsonValueKind.Object)
            throw new ThresholdFileException($"{path}: checks[{index}] must be an object");
        var id = String(path, $"checks[{index}]", c, "id", required: true)!;
        if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Za-z0-9._-]+$"))
            throw new ThresholdFileException($"{path}: checks[{index}]: field 'id': expected letters, digits, '.', '_' or '-' (it names snapshot files), found '{id}'");
        var where = $"check '{id}'";
        RejectUnknown(path, where, c, CheckKeys);
        var model = String(path, where, c, "model", required: true)!;
        var attack = String(path, where, c, "attack", required: true)!;
        var target = String(path, where, c, "target", required: false) ?? "untargeted";
        try
        {
            TargetNames.Parse(target);
        }
        catch (ArgumentException e)
        {
            throw new ThresholdFileException($"{path}: {where}: field 'target': {e.Message}");
        }
        int count = Int(path, where, c, "count", 100, 1);
        long seed = Int(path, where, c, "seed", 1215, int.MinValue);
        var settings = ReadAttack(path, where, c, attack);
        var bounds = ReadBounds(path, where, c);
        return new GateCheck(id, model, settings, target, count, seed, bounds);
    }

    /// <summary>The check's attack bound to its definition: preset (default strong) plus the 'options' object.</summary>
    private static AttackSettings ReadAttack(string path, string where, JsonElement c, string attack)
    {
        var definition = KnownAttacks.Find(attack)
            ?? throw new ThresholdFileException($"{path}: {where}: field 'attack': expected one of {string.Join(", ", KnownAttacks.All.Select(a => a.Name))}, found '{attack}'");
        var presetText = String(path, where, c, "preset", required: false);
        var preset = presetText is null ? AttackPreset.Strong : AttackPresets.TryParse(presetText)
            ?? throw new ThresholdFileException($"{path}: {where}: field 'preset': expected one of {string.Join(", ", AttackPresets.Names)}, found '{presetText}'");
        try
        {
            if (!c.TryGetProperty("options", out var o))
                return definition.Configure(preset);
            if (o.ValueKind != JsonValueKind.Object)
                throw new ThresholdFileException($"{path}: {where}: field 'options': expected an object of options of attack '{attack}', found {o.ValueKind}");
            return definition.Configure(preset, o);
        }
        catch (AttackOptionException e)
        {
            if (e.UnknownOption)
                throw new ThresholdFileException($"{path}: {where}: field 'options.{e.Option}': unknown option of attack '{attack}'; expected one of {string.Join(", ", e.Allowed)}", e);
            var field = e.Option is null ? (presetText is not null && e.Problem.Contains("preset", StringComparison.Ordinal) ? "preset" : "options") : "options." + e.Option;
            throw new ThresholdFileException($"{path}: {where}: field '{field}': {e.Problem}", e);
        }
    }

    private static List<MetricBound> ReadBounds(string path, string where, JsonElement c)
    {
        if (!c.TryGetProperty("bounds", out var b) || b.ValueKind != JsonValueKind.Object)
            throw new ThresholdFileException($"{path}: {where}: field 'bounds' must be an object such as {{\"successRate\": {{\"max\": 0.5}}}}");
        var bounds = new List<MetricBound>();
        foreach (var m in b.EnumerateObject())
        {
            if (!GateMetrics.IsKnown(m.Name))
                throw new ThresholdFileException($"{path}: {where}: unknown metric 'bounds.{m.Name}'; expected one of {string.Join(", ", GateMetrics.Names)}");
            if (m.Value.ValueKind != JsonValueKind.Object)
                throw new ThresholdFileException($"{path}: {where}: field 'bounds.{m.Name}' must be an object with 'min' and/or 'max'");
            RejectUnknown(path, $"{where}, bounds.{m.Name}", m.Value, ["min", "max"]);
            double? min = Number(path, where, m.Value, m.Name, "min"), max = Number(path, where, m.Value, m.Name, "max");
            if (min is null && max is null)
                throw new ThresholdFileException($"{path}: {where}: field 'bounds.{m.Name}' needs 'min' or 'max'");
            if (min is not null && max is not null && min > max)
                throw new ThresholdFileException($"{path}: {where}: bounds.{m.Name}: min must be <= max. Current min: {min.Value.ToString(CultureInfo.InvariantCulture)}, max: {max.Value.ToString(CultureInfo.InvariantCulture)}");
            bounds.Add(new MetricBound(m.Name, min, max));
        }
        if (bounds.Count == 0)
            throw new ThresholdFileException($"{path}: {where}: field 'bounds' is empty; give at least one metric bound");
        return bounds;
    }

    private static void RejectUnknown(string path, string where, JsonElement e, string[] known)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (!known.Contains(p.Name, StringComparer.Ordinal))
                throw new ThresholdFileException($"{path}: {where}: unknown field '{p.Name}'; expected one of {string.Join(", ", known)}");
        }
    }

    private static string? String(string path, string where, JsonElement e, string name, bool required)
    {
        if (!e.TryGetProperty(name, out var v))
            return required ? throw new ThresholdFileException($"{path}: {where}: field '{name}' is required") : null;
        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
            throw new ThresholdFileException($"{path}: {where}: field '{name}' must be a non-empty string");
        return v.GetString();
    }

    private static int Int(string path, string where, JsonElement e, string name, int fallback, int min)
    {
        if (!e.TryGetProperty(name, out var v))
            return fallback;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i) || i < min)
            throw new ThresholdFileException($"{path}: {where}: field '{name}' must be a whole number >= {min}");
        return i;
    }

    private static double? Number(string path, string where, JsonElement e, string metric, string name)
    {
        if (!e.TryGetProperty(name, out var v))
            return null;
        if (v.ValueKind != JsonValueKind.Number)
            throw new ThresholdFileException($"{path}: {where}: field 'bounds.{metric}.{name}' must be a number");
        return v.GetDouble();
    }
}
