using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Gate.Caching;
using RobustnessGate.Models;
using RobustnessGate.Runtime;

namespace RobustnessGate.Gate;

/// <summary>The gate's use of the result cache: one key per check evaluation, bad entries reported and recomputed.</summary>
internal sealed class GateCache(string directory)
{
    private readonly ResultCache _cache = new(directory);
    private readonly List<string> _notes = [];

    public string Directory => _cache.Directory;

    public IReadOnlyList<string> Notes => _notes;

    public EvaluationResult? TryGet(GateCheck check, IClassifier model, ImageSet data, EvaluationOptions options)
    {
        var lookup = _cache.TryGet(Key(check, model, data, options));
        if (lookup.Message is { } problem)
            _notes.Add($"check '{check.Id}': {problem}; recomputed");
        return lookup.IsHit ? lookup.Result : null;
    }

    public void Put(GateCheck check, IClassifier model, ImageSet data, EvaluationOptions options, EvaluationResult result) =>
        _cache.Put(Key(check, model, data, options), result);

    private static CacheKey Key(GateCheck check, IClassifier model, ImageSet data, EvaluationOptions options) =>
        CacheKey.For(model.Sha256, data, options.Count, check.Attack, options.Target, options.Seed,
            EngineInfoFactory.Current(options.Threads ?? TorchRuntime.DefaultThreads));
}
