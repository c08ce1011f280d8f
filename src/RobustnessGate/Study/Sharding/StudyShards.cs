using RobustnessGate.Data;
using RobustnessGate.Persistence;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Running;

namespace RobustnessGate.Study.Sharding;

/// <summary>
/// A study split across machines: <see cref="RunShard"/> runs shard k of n (its units only, into its own folder, ending
/// with shard.json); <see cref="Merge"/> checks that the shards of one plan hold every unit exactly once under the key
/// this machine expects, copies their files into one folder and assembles the study there through the normal
/// <see cref="StudyRunner"/> in a mode that must reuse every cell, so study.json and the frontier files are those of a
/// single-machine run.
/// </summary>
public static class StudyShards
{
    /// <summary>Each model's multiply-adds per image, fingerprint and class count, loading each model once.</summary>
    public static IReadOnlyDictionary<string, ModelProfile> Profile(StudyPlan plan, ImageSet data)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(data);
        TorchRuntime.Configure();
        var profile = new Dictionary<string, ModelProfile>(StringComparer.Ordinal);
        foreach (var source in plan.Models)
        {
            using var model = ModelLoader.Load(source.Spec, source.Normalization);
            using var image = data.Take(1).ImagesTensor();
            using var logits = model.Logits(image);
            var (macs, layers) = StudyCostModel.Measure(model, data);
            profile[source.Name] = new ModelProfile(macs, layers, model.Sha256, (int)logits.shape[^1]);
        }
        return profile;
    }

    /// <summary>Every unit of <paramref name="plan"/> with its cost, and the n shards they are assigned to.</summary>
    public static (IReadOnlyList<StudyUnit> Units, IReadOnlyList<IReadOnlyList<StudyUnit>> Shards) Assign(StudyPlan plan,
        IReadOnlyDictionary<string, ModelProfile> profile, int shards)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(profile);
        var units = StudyCostModel.Units(plan, profile);
        return (units, ShardAssignment.Assign(units, shards));
    }

    /// <summary>Runs (or resumes) shard <paramref name="k"/> of <paramref name="n"/> into <paramref name="directory"/> and writes its shard.json.</summary>
    /// <param name="plan">The whole study's plan (the same on every shard).</param>
    /// <param name="data">The images.</param>
    /// <param name="directory">The shard's folder.</param>
    /// <param name="k">Shard number, from 1.</param>
    /// <param name="n">Shard count.</param>
    /// <param name="arguments">The study's arguments to record (opaque here; a merge rebuilds the plan from them).</param>
    /// <param name="progress">Optional progress per unit.</param>
    /// <param name="cancellationToken">Cancels between steps; finished units are kept.</param>
    public static ShardManifest RunShard(StudyPlan plan, ImageSet data, string directory, int k, int n, IReadOnlyList<string> arguments,
        IProgress<StudyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(arguments);
        plan.Validate();
        if (n < 1 || k < 1 || k > n)
            throw new ArgumentException($"shard: expected 1 <= k <= n, found {k} of {n}");
        var profile = Profile(plan, data);
        var mine = Assign(plan, profile, n).Shards[k - 1];
        var ids = mine.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var scope = new RunScope { Includes = ids.Contains, Key = (id, key) => keys[id] = key };
        DiscardManifest(directory);
        StudyRunner.Run(plan, data, directory, progress, cancellationToken, null, scope);
        var store = new CellStore(directory);
        var units = mine.Select(u => new ShardUnit(u.Id,
            keys.TryGetValue(u.Id, out var key) ? key : throw new InvalidOperationException($"shard {k}/{n}: unit {u.Id} did not run"),
            u.Cost, store.UnitFiles(u.Id).Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/')).ToList())).ToList();
        var manifest = new ShardManifest(1, k, n, StudyPlanFingerprint.Of(plan, data, m => profile[m].Sha256), arguments,
            EngineInfoFactory.Current(TorchRuntime.DefaultThreads), units);
        manifest.Write(directory);
        return manifest;
    }

    /// <summary>
    /// Deletes the shard.json of <paramref name="directory"/>, if any, before its units run (in this process or in local
    /// workers): a manifest left by an earlier run no longer describes the folder while units are written.
    /// </summary>
    public static void DiscardManifest(string directory)
    {
        var manifestPath = Path.Combine(directory, ShardManifest.FileName);
        if (File.Exists(manifestPath))
            File.Delete(manifestPath);
    }

    /// <summary>Merges finished shards into <paramref name="directory"/> and assembles the study there (study.json, frontiers).</summary>
    /// <param name="plan">The plan, rebuilt from the shards' recorded arguments.</param>
    /// <param name="data">The images.</param>
    /// <param name="shardDirectories">Every shard's folder, each once.</param>
    /// <param name="directory">The merged study's folder (not one of the shards).</param>
    /// <param name="progress">Optional progress.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <param name="partSeconds">Optional: wall time of each part (see <see cref="StudyRunner.Run(StudyPlan, ImageSet, string, IProgress{StudyProgress}?, CancellationToken, IDictionary{string, double}?)"/>).</param>
    public static StudyResults Merge(StudyPlan plan, ImageSet data, IReadOnlyList<string> shardDirectories, string directory,
        IProgress<StudyProgress>? progress = null, CancellationToken cancellationToken = default, IDictionary<string, double>? partSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(shardDirectories);
        plan.Validate();
        var owners = ShardMergeCheck.Check(plan, data, shardDirectories, directory, out var keyOf);
        foreach (var (unit, (folder, u)) in owners)
        {
            foreach (var file in u.Files)
                AtomicFile.WriteAllBytes(Path.Combine(directory, file), File.ReadAllBytes(Path.Combine(folder, file)));
        }
        var scope = new RunScope
        {
            Key = (id, key) =>
            {
                if (keyOf[id] != key)
                    throw new InvalidDataException($"{Path.Combine(owners[id].Folder, ShardManifest.FileName)}: unit {id}: key: expected {key} (this merge's model, images, settings, seed and engine), found {keyOf[id]}");
            },
            MustReuse = (id, key) => throw new InvalidDataException(
                $"{owners[id].Folder}: unit {id}: its files ({string.Join(", ", owners[id].Unit.Files)}) do not hold a result made under its recorded key {key}; run that shard again"),
        };
        return StudyRunner.Run(plan, data, directory, progress, cancellationToken, partSeconds, scope)!;
    }
}
