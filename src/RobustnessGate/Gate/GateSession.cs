using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Frontiers;

namespace RobustnessGate.Gate;

/// <summary>
/// Runs gate checks: loads each model and data set once, evaluates (or serves from the cache), places the model against its
/// frontier, compares with the approved snapshot and judges. The xUnit theory and the gate command are thin adapters over it.
/// </summary>
public sealed class GateSession : IDisposable
{
    private readonly Dictionary<string, IClassifier> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImageSet> _data = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _accuracy = new(StringComparer.Ordinal);
    private readonly List<CheckResult> _results = [];
    private readonly SnapshotStore _snapshots;

    /// <summary>Opens a session over the checks of <paramref name="file"/>.</summary>
    public GateSession(ThresholdFile file, GateRunOptions options)
    {
        File = file ?? throw new ArgumentNullException(nameof(file));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _snapshots = new SnapshotStore(options.SnapshotDirectory);
        Cache = options.CacheDirectory is null ? null : new GateCache(options.CacheDirectory);
    }

    /// <summary>The thresholds file.</summary>
    public ThresholdFile File { get; }

    /// <summary>The options.</summary>
    public GateRunOptions Options { get; }

    /// <summary>The snapshot store.</summary>
    public SnapshotStore Snapshots => _snapshots;

    /// <summary>The cache, or null.</summary>
    internal GateCache? Cache { get; }

    /// <summary>Notes about the cache (corrupt or foreign entries that were recomputed), in the order they happened.</summary>
    public IReadOnlyList<string> CacheNotes => Cache?.Notes ?? [];

    /// <summary>Runs every check and returns the report.</summary>
    public GateReport RunAll()
    {
        foreach (var check in File.Checks)
            Run(check.Id);
        return Report();
    }

    /// <summary>The report of the checks run so far, in file order.</summary>
    public GateReport Report()
    {
        var order = File.Checks.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        List<CheckResult> done;
        lock (_results)
            done = _results.OrderBy(r => order[r.Check.Id]).ToList();
        return new GateReport(GateReport.CurrentSchemaVersion, EngineInfoFactory.Current(TorchRuntime.DefaultThreads), File.Path, done);
    }

    /// <summary>Runs the check called <paramref name="id"/>.</summary>
    /// <exception cref="GateConfigurationException">The check cannot be run as configured (unknown id, frontier of another protocol, corrupt snapshot).</exception>
    public CheckResult Run(string id)
    {
        var check = File.Checks.FirstOrDefault(c => c.Id == id)
            ?? throw new GateConfigurationException($"{File.Path}: no check '{id}'; the checks are {string.Join(", ", File.Checks.Select(c => c.Id))}");
        TorchRuntime.Configure();
        var model = Model(check.Model);
        var all = Data(check.Data);
        if (check.Count > all.Count)
            throw new GateConfigurationException($"{File.Path}: check '{check.Id}': field 'count': the data set {all.Name} has {all.Count} images, the check asks for {check.Count}");
        if (check.Model.Normalization is { } n && Normalization.ChannelProblem(n.Mean.Count, all.Channels, all.Name) is { } channels)
            throw new GateConfigurationException($"{File.Path}: check '{check.Id}': field 'normalization.mean': {channels}");
        var data = all.Take(check.Count);
        var (result, cached) = Evaluate(check, model, data);

        FrontierOutcome? frontier = null;
        if (check.Frontier is { } f)
            frontier = PlaceOnFrontier(check, f, model, all, result);

        var path = _snapshots.ApprovedPath(check.Id);
        var baseline = _snapshots.ReadApproved(check.Id);
        var judged = GateJudge.Judge(check, result, baseline, path, frontier, cached);
        if (judged.SnapshotMoved)
            _snapshots.WriteReceived(judged.Snapshot);
        else
            _snapshots.DeleteReceived(check.Id);
        lock (_results)
        {
            _results.RemoveAll(r => r.Check.Id == check.Id);
            _results.Add(judged);
        }
        return judged;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var m in _models.Values)
            m.Dispose();
        _models.Clear();
    }

    private (EvaluationResult Result, bool Cached) Evaluate(GateCheck check, IClassifier model, ImageSet data)
    {
        var options = new EvaluationOptions(check.Target, check.Count, check.Seed);
        // A cached result from before sanity checks existed (no 'sanity' field) is measured again rather than trusted as clean.
        if (Cache is not null && !Options.Recreate && Cache.TryGet(check, model, data, options) is { Sanity: not null } hit)
            return (hit, true);
        var result = Evaluator.Run(model, data, check.Attack.Create(), options);
        Cache?.Put(check, model, data, options, result);
        return (result, false);
    }

    private FrontierOutcome PlaceOnFrontier(GateCheck check, FrontierThreshold threshold, IClassifier model, ImageSet all, EvaluationResult result)
    {
        if (!System.IO.File.Exists(threshold.File))
        {
            return new FrontierOutcome(threshold.File, "?", null, null, null, null, null, "undefined", [], threshold.Tolerance, Verdict.Inconclusive,
                $"frontier file {threshold.File} not found: make it with 'robustness-gate study' (see README) and approve it");
        }
        FrontierFile frontier;
        try
        {
            frontier = FrontierFiles.Read(threshold.File);
        }
        catch (Study.StudyFormatException e)
        {
            throw new GateConfigurationException($"{File.Path}: check '{check.Id}': field 'frontier.file': {e.Message}", e);
        }
        if (FrontierJudge.ProtocolMismatch(frontier, result, all.Sha256, all.Count) is { } mismatch)
            throw new GateConfigurationException($"{File.Path}: check '{check.Id}': field 'frontier': {threshold.File} was measured with another protocol, so the model cannot be placed on it: {mismatch}");
        var key = check.Model.Key + "|" + check.Data.Key;
        if (!_accuracy.TryGetValue(key, out var accuracy))
            _accuracy[key] = accuracy = Predictions.Accuracy(model.Logits, all);
        var norm = Enum.Parse<Attacks.Norm>(frontier.Norm);
        return FrontierJudge.Compare(frontier, threshold.File, accuracy, result.Distortion.For(norm).Mean, threshold.Tolerance);
    }

    private IClassifier Model(ModelSource source)
    {
        if (!_models.TryGetValue(source.Key, out var model))
            _models[source.Key] = model = ModelLoader.Load(source.Spec, source.Normalization);
        return model;
    }

    private ImageSet Data(DataSource source)
    {
        if (!_data.TryGetValue(source.Key, out var data))
            _data[source.Key] = data = source.Load();
        return data;
    }
}
