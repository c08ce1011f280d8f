using System.Text.Json;
using RobustnessGate.Persistence;

namespace RobustnessGate.Gate;

/// <summary>
/// Approved and received snapshots of gate checks: &lt;id&gt;.approved.json (committed, the baseline) and &lt;id&gt;.received.json
/// (written when a run differs from its baseline beyond tolerance or has none; git-ignored). Files are UTF-8 without BOM,
/// LF, keys in a fixed order. Approving renames received over approved, and is refused under CI.
/// </summary>
public sealed class SnapshotStore
{
    private static readonly JsonSerializerOptions Json = JsonFiles.Strict();

    /// <summary>Creates the store over <paramref name="directory"/>.</summary>
    public SnapshotStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The approved file of a check.</summary>
    public string ApprovedPath(string id) => Path.Combine(Directory, id + ".approved.json");

    /// <summary>The received file of a check.</summary>
    public string ReceivedPath(string id) => Path.Combine(Directory, id + ".received.json");

    /// <summary>The JSON text of a snapshot.</summary>
    public static string Serialize(GateSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Json).ReplaceLineEndings("\n") + "\n";

    /// <summary>The approved snapshot of <paramref name="id"/>, or null when there is none.</summary>
    /// <exception cref="GateConfigurationException">The file exists but is not a snapshot; the message names it.</exception>
    public GateSnapshot? ReadApproved(string id) => Read(ApprovedPath(id));

    /// <summary>The received snapshot of <paramref name="id"/>, or null.</summary>
    public GateSnapshot? ReadReceived(string id) => Read(ReceivedPath(id));

    /// <summary>Writes the received snapshot atomically.</summary>
    public void WriteReceived(GateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        AtomicFile.WriteAllText(ReceivedPath(snapshot.Check), Serialize(snapshot));
    }

    /// <summary>Removes a stale received file.</summary>
    public void DeleteReceived(string id)
    {
        var path = ReceivedPath(id);
        if (File.Exists(path))
            File.Delete(path);
    }

    /// <summary>The checks with a received file waiting for review.</summary>
    public IReadOnlyList<string> Pending() => !System.IO.Directory.Exists(Directory) ? []
        : System.IO.Directory.GetFiles(Directory, "*.received.json").Select(f => Path.GetFileName(f)[..^".received.json".Length]).Order(StringComparer.Ordinal).ToList();

    /// <summary>Accepts the received snapshot of <paramref name="id"/> as its new baseline, unless this process runs under CI.</summary>
    /// <exception cref="GateConfigurationException">Under CI (<see cref="CiEnvironment.Detect"/>), or when nothing was received.</exception>
    public void Approve(string id) => Approve(id, CiEnvironment.Detect());

    /// <summary>Accepts the received snapshot of <paramref name="id"/> as its new baseline; <paramref name="ciVariable"/> is what <see cref="CiEnvironment.Detect"/> said.</summary>
    /// <exception cref="GateConfigurationException">Under CI (nothing is approved there), or when nothing was received.</exception>
    public void Approve(string id, string? ciVariable)
    {
        if (ciVariable is not null)
            throw new GateConfigurationException($"approval refused: {ciVariable} says this is a CI run, and nothing is approved on CI; approve on a development machine and commit the file");
        var received = ReceivedPath(id);
        if (!File.Exists(received))
            throw new GateConfigurationException($"{received}: no received snapshot for check '{id}'; run the gate first");
        _ = Read(received) ?? throw new GateConfigurationException($"{received}: not a snapshot");
        File.Move(received, ApprovedPath(id), overwrite: true);
    }

    private static GateSnapshot? Read(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            var s = JsonSerializer.Deserialize<GateSnapshot>(File.ReadAllText(path), Json)
                ?? throw new GateConfigurationException($"{path}: expected a snapshot object, found null");
            if (s.SchemaVersion != GateSnapshot.CurrentSchemaVersion)
                throw new GateConfigurationException($"{path}: schemaVersion: expected {GateSnapshot.CurrentSchemaVersion}, found {s.SchemaVersion}");
            return s;
        }
        catch (JsonException e) when (e.InnerException?.GetType().Name == "JsonReaderException")
        {
            // A syntax error, not a field of the wrong kind: the file is cut short or is not JSON.
            var field = (e.Path ?? "").TrimStart('$', '.') is { Length: > 0 } p ? p : "(document)";
            throw new GateConfigurationException($"{path}: {field}: expected a complete JSON snapshot, found text that is not JSON or is cut short ({e.Message.Split(" Path:", 2)[0]}); restore it from git or delete it and approve again", e);
        }
        catch (JsonException e)
        {
            var field = (e.Path ?? "").TrimStart('$', '.') is { Length: > 0 } p ? p : "(document)";
            throw new GateConfigurationException($"{path}: {field}: {JsonErrorText.Explain(e, field)}", e);
        }
    }
}
