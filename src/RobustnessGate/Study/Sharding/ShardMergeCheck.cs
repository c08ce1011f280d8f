using RobustnessGate.Data;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Running;

namespace RobustnessGate.Study.Sharding;

/// <summary>
/// What a merge checks before it copies anything: every folder is a finished shard of this plan with the same shard
/// count, each shard number from 1 to n is there once, every unit of the plan is in exactly one shard, and each unit's
/// files exist. Errors name the folder, the unit and the expected and found values.
/// </summary>
internal static class ShardMergeCheck
{
    public static Dictionary<string, (string Folder, ShardUnit Unit)> Check(StudyPlan plan, ImageSet data,
        IReadOnlyList<string> folders, string directory, out Dictionary<string, string> keyOf)
    {
        if (folders.Count == 0)
            throw new ArgumentException("merge: expected the folders of every shard, found none");
        var target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var manifests = new List<(string Folder, ShardManifest Manifest)>();
        foreach (var folder in folders)
        {
            if (Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) == target)
                throw new ArgumentException($"merge: the output folder {directory} is also the shard folder {folder}; merge into another folder");
            if (manifests.Any(m => Path.GetFullPath(m.Folder) == Path.GetFullPath(folder)))
                throw new ArgumentException($"merge: the shard folder {folder} is given twice");
            manifests.Add((folder, ShardManifest.Read(folder)));
        }
        var profile = StudyShards.Profile(plan, data);
        var fingerprint = StudyPlanFingerprint.Of(plan, data, m => profile[m].Sha256);
        int n = manifests[0].Manifest.Shards;
        var engine = EngineInfoFactory.Current(TorchRuntime.DefaultThreads);
        foreach (var (folder, m) in manifests)
        {
            var file = Path.Combine(folder, ShardManifest.FileName);
            if (m.Plan != fingerprint)
                throw new InvalidDataException($"{file}: plan: expected {fingerprint} (the study of the merge: models, attacks, targets, images, seed, CLEVER and data), found {m.Plan}; it is a shard of another study");
            if (m.Shards != n)
                throw new InvalidDataException($"{file}: shards: expected {n} (as {Path.Combine(manifests[0].Folder, ShardManifest.FileName)}), found {m.Shards}");
            if (m.Engine != engine)
                throw new InvalidDataException($"{file}: engine: expected {engine} (this merge's engine; a cell is reusable only under the same engine and threads), found {m.Engine}");
        }
        foreach (var group in manifests.GroupBy(m => m.Manifest.Shard).Where(g => g.Count() > 1))
            throw new InvalidDataException($"merge: shard {group.Key}/{n} is given twice: {string.Join(" and ", group.Select(g => g.Folder))}");
        var missingShards = Enumerable.Range(1, n).Where(k => manifests.All(m => m.Manifest.Shard != k)).ToList();
        if (missingShards.Count > 0)
            throw new InvalidDataException($"merge: shard {string.Join(", ", missingShards.Select(k => $"{k}/{n}"))} is missing; expected all {n} shards, found {manifests.Count}");

        var owners = new Dictionary<string, (string Folder, ShardUnit Unit)>(StringComparer.Ordinal);
        keyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var expected = StudyUnitIds.All(plan).ToHashSet(StringComparer.Ordinal);
        foreach (var (folder, m) in manifests)
        {
            foreach (var u in m.Units)
            {
                if (!expected.Contains(u.Id))
                    throw new InvalidDataException($"{Path.Combine(folder, ShardManifest.FileName)}: units: {u.Id} is not a unit of this study");
                if (owners.TryGetValue(u.Id, out var first))
                    throw new InvalidDataException($"merge: unit {u.Id} is in two shards: {first.Folder} and {folder}");
                foreach (var f in u.Files)
                {
                    if (Path.IsPathRooted(f) || f.Split('/').Contains(".."))
                        throw new InvalidDataException($"{Path.Combine(folder, ShardManifest.FileName)}: units: {u.Id}: file '{f}' is not inside the shard folder");
                    if (!File.Exists(Path.Combine(folder, f)))
                        throw new InvalidDataException($"{folder}: unit {u.Id}: file {f} is missing");
                }
                owners[u.Id] = (folder, u);
                keyOf[u.Id] = u.Key;
            }
        }
        var missing = expected.Where(id => !owners.ContainsKey(id)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"merge: {missing.Count} unit(s) in no shard: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", ..." : "")}");
        return owners;
    }
}
