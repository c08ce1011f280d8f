using System.Text.Json;
using RobustnessGate.Persistence;
using RobustnessGate.Runtime;

namespace RobustnessGate.Study.Sharding;

/// <summary>
/// shard.json, what a finished shard leaves beside its cells: which plan it belongs to, which shard it is, and each of
/// its units with the key it was computed under and the files that hold it (paths relative to the shard folder).
/// </summary>
/// <param name="SchemaVersion">1.</param>
/// <param name="Shard">k, from 1.</param>
/// <param name="Shards">n.</param>
/// <param name="Plan">The plan's fingerprint (<see cref="StudyPlanFingerprint"/>): every shard of one study has the same.</param>
/// <param name="Arguments">The study's arguments without the shard's own (its number and folder), so a merge can rebuild the plan.</param>
/// <param name="Engine">The engine that ran the shard.</param>
/// <param name="Units">The shard's units in run order.</param>
public sealed record ShardManifest(int SchemaVersion, int Shard, int Shards, string Plan, IReadOnlyList<string> Arguments,
    EngineInfo Engine, IReadOnlyList<ShardUnit> Units)
{
    /// <summary>The manifest's file name in a shard folder.</summary>
    public const string FileName = "shard.json";

    private static readonly JsonSerializerOptions Options = JsonFiles.Strict();

    /// <summary>Writes the manifest to <paramref name="directory"/>/shard.json atomically.</summary>
    public void Write(string directory) =>
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Options) + "\n");

    /// <summary>Reads <paramref name="directory"/>/shard.json; errors name the file and the field.</summary>
    public static ShardManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new InvalidDataException($"{path}: missing; {directory} is not a finished shard (a shard writes shard.json when all its units are done)");
        ShardManifest? m;
        try
        {
            m = JsonSerializer.Deserialize<ShardManifest>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            var field = (e.Path ?? "").TrimStart('$', '.') is { Length: > 0 } p ? p : "(document)";
            throw new InvalidDataException($"{path}: {field}: {JsonErrorText.Explain(e, field)}", e);
        }
        if (m is null)
            throw new InvalidDataException($"{path}: (document): expected a shard manifest, found null");
        if (m.SchemaVersion != 1)
            throw new InvalidDataException($"{path}: schemaVersion: expected 1, found {m.SchemaVersion}");
        if (m.Shards < 1 || m.Shard < 1 || m.Shard > m.Shards)
            throw new InvalidDataException($"{path}: shard: expected 1 <= shard <= shards, found {m.Shard} of {m.Shards}");
        return m;
    }
}

/// <summary>One unit of a shard.</summary>
/// <param name="Id">The unit id (<see cref="Running.StudyUnitIds"/>).</param>
/// <param name="Key">The key it was computed under (model, images, settings, seed, engine): its provenance.</param>
/// <param name="Cost">The static cost estimate it was assigned with.</param>
/// <param name="Files">Its files, relative to the shard folder, with forward slashes.</param>
public sealed record ShardUnit(string Id, string Key, double Cost, IReadOnlyList<string> Files);
