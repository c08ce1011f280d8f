using RobustnessGate.Data;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Running;

namespace RobustnessGate.Study.Sharding;

/// <summary>
/// One machine's share of a study (the whole plan, or shard k of n) run by local worker processes side by side into the
/// same folder. Every worker computes the same queue from the same arguments, the share's units by decreasing estimated
/// cost, and takes the next unit nobody has claimed whenever it is free (list scheduling in longest-first order), so a
/// worker that drew short units, or units the cost model overrated, takes more of them instead of idling while another
/// finishes. Each unit runs through the normal <see cref="StudyRunner"/> (atomic, resumable cell files; distinct units
/// never write the same file); afterwards one ordinary run reuses every cell and does what needs them all (transfer
/// replay, study.json, frontiers, or a shard's manifest). Results do not depend on which worker ran a unit.
/// </summary>
public static class StudyWorkers
{
    /// <summary>The folder, inside the study folder, where workers claim units; the starting process empties it first (<see cref="ResetClaims"/>).</summary>
    public const string ClaimsFolder = ".claims";

    /// <summary>The units of shard <paramref name="shard"/> of <paramref name="shards"/> in the order workers take them: by decreasing cost, ties by id (ordinal).</summary>
    /// <param name="plan">The whole study's plan.</param>
    /// <param name="profile">Every model's profile (<see cref="StudyShards.Profile"/>).</param>
    /// <param name="shard">The machine's shard, from 1 (1 of 1: the whole plan).</param>
    /// <param name="shards">Shard count.</param>
    public static IReadOnlyList<StudyUnit> Queue(StudyPlan plan, IReadOnlyDictionary<string, ModelProfile> profile, int shard, int shards)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(profile);
        if (shards < 1 || shard < 1 || shard > shards)
            throw new ArgumentException($"shard: expected 1 <= k <= n, found {shard} of {shards}");
        var share = StudyShards.Assign(plan, profile, shards).Shards[shard - 1];
        return ShardAssignment.LongestFirst(share);
    }

    /// <summary>
    /// Deletes the claims an earlier set of workers left in <paramref name="directory"/> (a run that was interrupted or
    /// failed). The process that starts the workers calls it before starting them and again after they all ended.
    /// </summary>
    public static void ResetClaims(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var claims = Path.Combine(directory, ClaimsFolder);
        if (Directory.Exists(claims))
            Directory.Delete(claims, recursive: true);
    }

    /// <summary>
    /// Runs worker <paramref name="worker"/>'s part of the machine's share into <paramref name="directory"/>: walks the
    /// <see cref="Queue"/>, claims each unit no other worker has claimed, runs (or reuses) it, and returns the units it
    /// ran. Writes no study.json and no manifest.
    /// </summary>
    /// <param name="plan">The whole study's plan.</param>
    /// <param name="data">The images.</param>
    /// <param name="directory">The folder every worker of this machine writes to.</param>
    /// <param name="shard">The machine's shard, from 1 (1 of 1: the whole plan).</param>
    /// <param name="shards">Shard count.</param>
    /// <param name="worker">The worker, from 1 (names its claims).</param>
    /// <param name="workers">Worker count.</param>
    /// <param name="progress">Optional: after each unit this worker finished, Done is its place in the queue (from 1), Total the queue's length and Reused how many of this worker's units were reused.</param>
    /// <param name="cancellationToken">Cancels between steps; finished units are kept.</param>
    public static IReadOnlyList<StudyUnit> Run(StudyPlan plan, ImageSet data, string directory, int shard, int shards, int worker, int workers,
        IProgress<StudyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (workers < 1 || worker < 1 || worker > workers)
            throw new ArgumentException($"worker: expected 1 <= i <= n, found {worker} of {workers}");
        plan.Validate();
        var queue = Queue(plan, StudyShards.Profile(plan, data), shard, shards);
        var claims = new UnitClaims(Path.Combine(directory, ClaimsFolder), worker);
        var mine = new List<StudyUnit>();
        int reused = 0;
        using var models = new LoadedModels(plan.Models);
        for (int i = 0; i < queue.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!claims.TryClaim(i))
                continue;
            var unit = queue[i];
            mine.Add(unit);
            int place = i + 1;
            var relay = progress is null ? null : new SynchronousProgress<StudyProgress>(p =>
            {
                // The runner counts this one unit; report it once finished, placed in the machine's queue.
                if (p.Done < p.Total)
                    return;
                reused += p.Reused;
                progress.Report(new StudyProgress(place, queue.Count, p.Cell, 0, reused));
            });
            StudyRunner.Run(plan, data, directory, relay, cancellationToken, null,
                new RunScope { Includes = id => string.Equals(id, unit.Id, StringComparison.Ordinal), Models = models });
        }
        return mine;
    }
}
