using RobustnessGate.Data;
using RobustnessGate.Study.Running;

namespace RobustnessGate.Study.Sharding;

/// <summary>
/// One machine's share of a study (the whole plan, or shard k of n) split among local worker processes that run side by
/// side into the same folder. Each worker runs its units through the normal <see cref="StudyRunner"/> (atomic, resumable
/// cell files; distinct units never write the same file); afterwards one ordinary run reuses every cell and does what
/// needs them all (transfer replay, study.json, frontiers, or a shard's manifest). The split is the shards' cost-balanced
/// assignment applied again inside the machine's share, so every worker computes it alone from the same arguments.
/// </summary>
public static class StudyWorkers
{
    /// <summary>The units of worker <paramref name="worker"/> of <paramref name="workers"/> within shard <paramref name="shard"/> of <paramref name="shards"/>.</summary>
    /// <param name="plan">The whole study's plan.</param>
    /// <param name="profile">Every model's profile (<see cref="StudyShards.Profile"/>).</param>
    /// <param name="shard">The machine's shard, from 1 (1 of 1: the whole plan).</param>
    /// <param name="shards">Shard count.</param>
    /// <param name="worker">The worker, from 1.</param>
    /// <param name="workers">Worker count.</param>
    public static IReadOnlyList<StudyUnit> Units(StudyPlan plan, IReadOnlyDictionary<string, ModelProfile> profile, int shard, int shards, int worker, int workers)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(profile);
        if (shards < 1 || shard < 1 || shard > shards)
            throw new ArgumentException($"shard: expected 1 <= k <= n, found {shard} of {shards}");
        if (workers < 1 || worker < 1 || worker > workers)
            throw new ArgumentException($"worker: expected 1 <= i <= n, found {worker} of {workers}");
        var share = StudyShards.Assign(plan, profile, shards).Shards[shard - 1];
        return ShardAssignment.Assign(share, workers)[worker - 1];
    }

    /// <summary>
    /// Runs (or resumes) the units of worker <paramref name="worker"/> of <paramref name="workers"/> into
    /// <paramref name="directory"/>; returns them. Writes no study.json and no manifest.
    /// </summary>
    /// <param name="plan">The whole study's plan.</param>
    /// <param name="data">The images.</param>
    /// <param name="directory">The folder every worker of this machine writes to.</param>
    /// <param name="shard">The machine's shard, from 1 (1 of 1: the whole plan).</param>
    /// <param name="shards">Shard count.</param>
    /// <param name="worker">The worker, from 1.</param>
    /// <param name="workers">Worker count.</param>
    /// <param name="progress">Optional progress over the worker's units.</param>
    /// <param name="cancellationToken">Cancels between steps; finished units are kept.</param>
    public static IReadOnlyList<StudyUnit> Run(StudyPlan plan, ImageSet data, string directory, int shard, int shards, int worker, int workers,
        IProgress<StudyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        var mine = Units(plan, StudyShards.Profile(plan, data), shard, shards, worker, workers);
        var ids = mine.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        if (ids.Count > 0)
            StudyRunner.Run(plan, data, directory, progress, cancellationToken, null, new RunScope { Includes = ids.Contains });
        return mine;
    }
}
