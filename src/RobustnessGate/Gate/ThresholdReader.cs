using System.Text.Json;
using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Evaluation.Sanity;
using RobustnessGate.Models;
using RobustnessGate.Study.Running;

namespace RobustnessGate.Gate;

/// <summary>Reads the checks of one threshold file with the file's defaults; errors name the file, check, field, expected and found value.</summary>
internal sealed partial class ThresholdReader(string path, int version)
{
    private DataSource _dataset = new(BuiltInData.TestName, null, null);
    private int _count = 100;
    private long _seed = 1215;
    private RegressionTolerance _tolerance = RegressionTolerance.Default;

    private string Dir => System.IO.Path.GetDirectoryName(path)!;

    public void ReadDefaults(JsonElement d)
    {
        if (d.ValueKind != JsonValueKind.Object)
            throw new ThresholdFileException($"{path}: field 'defaults': expected an object, found {d.ValueKind}");
        ThresholdFile.RejectUnknown(path, "defaults", d, ThresholdFile.DefaultKeys);
        if (d.TryGetProperty("dataset", out var ds))
            _dataset = Dataset("defaults", ds);
        _count = Int("defaults", d, "count", _count, 1);
        _seed = Long("defaults", d, "seed", _seed);
        if (d.TryGetProperty("maxRegression", out var mr))
            _tolerance = Tolerance("defaults", "maxRegression", mr, _tolerance);
    }

    public GateCheck ReadCheck(JsonElement c, int index)
    {
        if (c.ValueKind != JsonValueKind.Object)
            throw new ThresholdFileException($"{path}: checks[{index}]: expected an object, found {c.ValueKind}");
        var id = String($"checks[{index}]", c, "id", required: true)!;
        if (!ThresholdFile.IdPattern().IsMatch(id))
            throw new ThresholdFileException($"{path}: checks[{index}]: field 'id': expected letters, digits, '.', '_' or '-' (it names snapshot files), found '{id}'");
        var where = $"check '{id}'";
        ThresholdFile.RejectUnknown(path, where, c, version == 1 ? ThresholdFile.V1CheckKeys : ThresholdFile.CheckKeys);
        var description = String(where, c, "description", required: false);
        var model = Model(where, c);
        var data = c.TryGetProperty("dataset", out var ds) ? Dataset(where, ds) : _dataset;
        var attack = Attack(where, c);
        var targetText = String(where, c, "target", required: false) ?? "untargeted";
        TargetMode target;
        try
        {
            target = TargetNames.Parse(targetText);
        }
        catch (ArgumentException)
        {
            throw new ThresholdFileException($"{path}: {where}: field 'target': expected one of {string.Join(", ", TargetNames.All)}, found '{targetText}'");
        }
        int count = Int(where, c, "count", _count, 1);
        long seed = Long(where, c, "seed", _seed);
        var tolerance = c.TryGetProperty("maxRegression", out var mr) ? Tolerance(where, "maxRegression", mr, _tolerance) : _tolerance;
        var metrics = version == 1 ? V1Bounds(where, c, tolerance) : Metrics(where, c, tolerance);
        FrontierThreshold? frontier = c.TryGetProperty("frontier", out var fr) ? Frontier(where, fr) : null;
        var accepted = c.TryGetProperty("acceptSanity", out var acc) ? AcceptSanity(where, acc) : new Dictionary<string, string>(StringComparer.Ordinal);
        return new GateCheck(id, description, model, data, attack, target, count, seed, metrics, tolerance, frontier) { AcceptSanity = accepted };
    }

    private ModelSource Model(string where, JsonElement c)
    {
        var spec = String(where, c, "model", required: true)!;
        if (KnownModels.Find(spec) is null)
        {
            spec = System.IO.Path.GetFullPath(System.IO.Path.Combine(Dir, spec));
            if (!File.Exists(spec))
                throw new ThresholdFileException($"{path}: {where}: field 'model': expected a built-in model ({string.Join(", ", KnownModels.All.Select(m => m.Name))}) or a TorchScript file, found no file {spec}");
        }
        Normalization? normalization = null;
        if (c.TryGetProperty("normalization", out var n))
        {
            if (n.ValueKind != JsonValueKind.Object)
                throw new ThresholdFileException($"{path}: {where}: field 'normalization': expected {{\"mean\": [...], \"std\": [...]}}, found {n.ValueKind}");
            ThresholdFile.RejectUnknown(path, $"{where}, normalization", n, ["mean", "std"]);
            var mean = Floats(where, n, "normalization.mean");
            var std = Floats(where, n, "normalization.std");
            if (mean.Count != std.Count || mean.Count == 0)
                throw new ThresholdFileException($"{path}: {where}: field 'normalization': expected as many std values as mean values, found {mean.Count} mean and {std.Count} std");
            if (Normalization.StdProblem(std) is { } stdProblem)
                throw new ThresholdFileException($"{path}: {where}: field 'normalization.std': {stdProblem}");
            normalization = new Normalization(mean, std);
        }
        return new ModelSource(spec, normalization);
    }

    private List<float> Floats(string where, JsonElement n, string field)
    {
        var name = field[(field.IndexOf('.', StringComparison.Ordinal) + 1)..];
        if (!n.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array || a.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.Number))
            throw new ThresholdFileException($"{path}: {where}: field '{field}': expected an array of numbers");
        return a.EnumerateArray().Select(x => (float)x.GetDouble()).ToList();
    }

    private AttackSettings Attack(string where, JsonElement c)
    {
        var name = String(where, c, "attack", required: true)!;
        var definition = KnownAttacks.Find(name)
            ?? throw new ThresholdFileException($"{path}: {where}: field 'attack': expected one of {string.Join(", ", KnownAttacks.All.Select(a => a.Name))}, found '{name}'");
        var presetText = String(where, c, "preset", required: false);
        AttackPreset? preset = presetText is null ? null : AttackPresets.TryParse(presetText)
            ?? throw new ThresholdFileException($"{path}: {where}: field 'preset': expected one of {string.Join(", ", AttackPresets.Names)}, found '{presetText}'");
        AttackSettings? start = null;
        if (String(where, c, "budget", required: false) is { } budgetText)
        {
            if (!StudyBudgets.Names.Contains(budgetText))
                throw new ThresholdFileException($"{path}: {where}: field 'budget': expected one of {string.Join(", ", StudyBudgets.Names)}, found '{budgetText}'");
            start = StudyBudgets.Attacks(StudyBudgets.Parse(budgetText)).FirstOrDefault(a => a.Name == definition.Name)
                ?? throw new ThresholdFileException($"{path}: {where}: field 'budget': the {budgetText} budget has no attack '{definition.Name}'; it has {string.Join(", ", StudyBudgets.Attacks(StudyBudgets.Parse(budgetText)).Select(a => a.Name))}");
            if (preset is { } p && AttackPresets.Name(p) != start.Preset)
                throw new ThresholdFileException($"{path}: {where}: field 'preset': the {budgetText} budget is built on preset '{start.Preset}', found '{presetText}'");
        }
        try
        {
            start ??= definition.Configure(preset ?? AttackPreset.Strong);
            if (!c.TryGetProperty("options", out var o))
                return start;
            if (o.ValueKind != JsonValueKind.Object)
                throw new ThresholdFileException($"{path}: {where}: field 'options': expected an object of options of attack '{name}', found {o.ValueKind}");
            return definition.Configure(start, o);
        }
        catch (AttackOptionException e)
        {
            if (e.UnknownOption)
                throw new ThresholdFileException($"{path}: {where}: field 'options.{e.Option}': unknown option of attack '{name}'; expected one of {string.Join(", ", e.Allowed)}", e);
            var field = e.Option is null ? "preset" : "options." + e.Option;
            throw new ThresholdFileException($"{path}: {where}: field '{field}': {e.Problem}", e);
        }
    }

    private List<MetricThreshold> Metrics(string where, JsonElement c, RegressionTolerance tolerance)
    {
        if (!c.TryGetProperty("metrics", out var m) || m.ValueKind != JsonValueKind.Object)
            throw new ThresholdFileException($"{path}: {where}: field 'metrics': expected an object such as {{\"successRate\": {{\"break\": 0.9}}, \"meanL2\": {{\"low\": 1.2, \"break\": 1.0}}}}");
        var list = new List<MetricThreshold>();
        foreach (var p in m.EnumerateObject())
        {
            var metric = GateMetrics.Find(p.Name)
                ?? throw new ThresholdFileException($"{path}: {where}: unknown metric 'metrics.{p.Name}'; expected one of {string.Join(", ", GateMetrics.Names)}");
            if (p.Value.ValueKind != JsonValueKind.Object)
                throw new ThresholdFileException($"{path}: {where}: field 'metrics.{p.Name}': expected an object with high, low, break and/or maxRegression, found {p.Value.ValueKind}");
            ThresholdFile.RejectUnknown(path, $"{where}, metrics.{p.Name}", p.Value, ["high", "low", "break", "maxRegression"]);
            var bands = new MetricBands(Band(where, metric, p.Value, "high"), Band(where, metric, p.Value, "low"), Band(where, metric, p.Value, "break"));
            if (bands.OrderProblem(metric.Direction) is { } problem)
                throw new ThresholdFileException($"{path}: {where}: metrics.{p.Name}: {problem}");
            var own = p.Value.TryGetProperty("maxRegression", out var mr) ? Tolerance(where, $"metrics.{p.Name}.maxRegression", mr, tolerance) : tolerance;
            list.Add(new MetricThreshold(metric, bands, own));
        }
        if (list.Count == 0)
            throw new ThresholdFileException($"{path}: {where}: field 'metrics' is empty; hold at least one metric");
        return list;
    }

    private double? Band(string where, GateMetric metric, JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
            return null;
        if (v.ValueKind != JsonValueKind.Number)
            throw new ThresholdFileException($"{path}: {where}: field 'metrics.{metric.Name}.{name}': expected a number, found {v.GetRawText()}");
        double d = v.GetDouble();
        if (metric.IsRate && d is < 0 or > 1)
            throw new ThresholdFileException($"{path}: {where}: field 'metrics.{metric.Name}.{name}': {metric.Name} is a fraction in [0, 1] (0.95 = 95 %), found {ThresholdFile.Num(d)}");
        if (!metric.IsRate && d < 0)
            throw new ThresholdFileException($"{path}: {where}: field 'metrics.{metric.Name}.{name}': expected a distortion >= 0, found {ThresholdFile.Num(d)}");
        return d;
    }

    private List<MetricThreshold> V1Bounds(string where, JsonElement c, RegressionTolerance tolerance)
    {
        if (!c.TryGetProperty("bounds", out var b) || b.ValueKind != JsonValueKind.Object)
            throw new ThresholdFileException($"{path}: {where}: field 'bounds' must be an object such as {{\"successRate\": {{\"max\": 0.5}}}}");
        var list = new List<MetricThreshold>();
        foreach (var m in b.EnumerateObject())
        {
            var metric = GateMetrics.Find(m.Name)
                ?? throw new ThresholdFileException($"{path}: {where}: unknown metric 'bounds.{m.Name}'; expected one of {string.Join(", ", GateMetrics.Names)}");
            ThresholdFile.RejectUnknown(path, $"{where}, bounds.{m.Name}", m.Value, ["min", "max"]);
            var bad = metric.Direction == MetricDirection.HigherIsBetter ? "min" : "max";
            var good = bad == "min" ? "max" : "min";
            if (m.Value.TryGetProperty(good, out _))
                throw new ThresholdFileException($"{path}: {where}: field 'bounds.{m.Name}.{good}': a {good} bound on {m.Name} has no equivalent in schema version 2 (it would fail a model for being too robust); remove it or migrate the file to version 2 (README, 'The gate')");
            if (!m.Value.TryGetProperty(bad, out var v) || v.ValueKind != JsonValueKind.Number)
                throw new ThresholdFileException($"{path}: {where}: field 'bounds.{m.Name}.{bad}': expected a number");
            if (metric.IsRate && v.GetDouble() is < 0 or > 1)
                throw new ThresholdFileException($"{path}: {where}: field 'bounds.{m.Name}.{bad}': {m.Name} is a fraction in [0, 1] (0.95 = 95 %), found {ThresholdFile.Num(v.GetDouble())}");
            list.Add(new MetricThreshold(metric, new MetricBands(null, null, v.GetDouble()), tolerance));
        }
        return list;
    }

    private Dictionary<string, string> AcceptSanity(string where, JsonElement a)
    {
        var example = $"{{\"{SanityCodes.ZeroGradients}\": \"why this is expected\"}}";
        if (a.ValueKind != JsonValueKind.Object)
            throw new ThresholdFileException($"{path}: {where}: field 'acceptSanity': expected an object of sanity codes and reasons such as {example}, found {a.ValueKind}");
        var accepted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in a.EnumerateObject())
        {
            if (!SanityCodes.Warnings.Contains(p.Name, StringComparer.Ordinal))
            {
                var note = p.Name == SanityCodes.NonFiniteLogits ? " (an error, which refuses the evaluation, cannot be accepted)" : "";
                throw new ThresholdFileException($"{path}: {where}: field 'acceptSanity.{p.Name}': expected a sanity warning code, one of {string.Join(", ", SanityCodes.Warnings)}, found '{p.Name}'{note}");
            }
            if (p.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(p.Value.GetString()))
                throw new ThresholdFileException($"{path}: {where}: field 'acceptSanity.{p.Name}': expected a non-empty reason why the warning is expected, found {p.Value.GetRawText()}");
            accepted[p.Name] = p.Value.GetString()!.Trim();
        }
        return accepted;
    }

    private FrontierThreshold Frontier(string where, JsonElement f)
    {
        if (f.ValueKind != JsonValueKind.Object)
            throw new ThresholdFileException($"{path}: {where}: field 'frontier': expected {{\"file\": ..., \"tolerance\": 0.1}}, found {f.ValueKind}");
        ThresholdFile.RejectUnknown(path, $"{where}, frontier", f, ["file", "tolerance"]);
        var file = String(where, f, "file", required: true, prefix: "frontier.")!;
        double tolerance = 0.1;
        if (f.TryGetProperty("tolerance", out var t))
        {
            if (t.ValueKind != JsonValueKind.Number || t.GetDouble() is < 0 or >= 1)
                throw new ThresholdFileException($"{path}: {where}: field 'frontier.tolerance': expected the largest relative gap behind the frontier as a fraction in [0, 1) (0.1 = 10 %), found {t.GetRawText()}");
            tolerance = t.GetDouble();
        }
        return new FrontierThreshold(System.IO.Path.GetFullPath(System.IO.Path.Combine(Dir, file)), tolerance);
    }

    private RegressionTolerance Tolerance(string where, string field, JsonElement e, RegressionTolerance start)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw new ThresholdFileException($"{path}: {where}: field '{field}': expected {{\"absolute\": ..., \"relative\": ..., \"standardErrors\": ...}}, found {e.ValueKind}");
        ThresholdFile.RejectUnknown(path, $"{where}, {field}", e, ["absolute", "relative", "standardErrors"]);
        double Part(string key, double current, double max)
        {
            if (!e.TryGetProperty(key, out var v))
                return current;
            if (v.ValueKind != JsonValueKind.Number || v.GetDouble() is var d && (d < 0 || d > max || !double.IsFinite(d)))
            {
                var hint = key == "relative" ? " (a fraction of the baseline: 0.05 = 5 %)" : "";
                throw new ThresholdFileException($"{path}: {where}: field '{field}.{key}': expected a number from 0 to {ThresholdFile.Num(max)}{hint}, found {v.GetRawText()}");
            }
            return v.GetDouble();
        }
        return new RegressionTolerance(Part("absolute", start.Absolute, 1e6), Part("relative", start.Relative, 1), Part("standardErrors", start.StandardErrors, 100));
    }

    private string? String(string where, JsonElement e, string name, bool required, string prefix = "")
    {
        if (!e.TryGetProperty(name, out var v))
            return required ? throw new ThresholdFileException($"{path}: {where}: field '{prefix}{name}' is required") : null;
        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
            throw new ThresholdFileException($"{path}: {where}: field '{prefix}{name}': expected a non-empty string, found {v.GetRawText()}");
        return v.GetString();
    }

    private int Int(string where, JsonElement e, string name, int fallback, int min)
    {
        if (!e.TryGetProperty(name, out var v))
            return fallback;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i) || i < min)
            throw new ThresholdFileException($"{path}: {where}: field '{name}': expected a whole number >= {min}, found {v.GetRawText()}");
        return i;
    }

    private long Long(string where, JsonElement e, string name, long fallback)
    {
        if (!e.TryGetProperty(name, out var v))
            return fallback;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var i))
            throw new ThresholdFileException($"{path}: {where}: field '{name}': expected a whole number, found {v.GetRawText()}");
        return i;
    }
}
