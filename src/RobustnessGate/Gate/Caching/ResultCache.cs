using System.Text;
using System.Text.Json;
using RobustnessGate.Evaluation;
using RobustnessGate.Persistence;

namespace RobustnessGate.Gate.Caching;

/// <summary>
/// A content-addressed store of evaluation results, so that a gate run of an unchanged repository reads its results
/// from disk instead of attacking again. One file per <see cref="CacheKey"/>: <c>&lt;folder&gt;/&lt;hash[0..2]&gt;/&lt;hash&gt;.json</c>,
/// a JSON object with <c>schemaVersion</c>, <c>key</c> (the full <see cref="CacheKey.Text"/>) and <c>result</c> (the
/// result in result.json's format, <see cref="ResultJson"/>).
/// </summary>
/// <remarks>
/// Entries are written through <see cref="AtomicFile"/> (a temporary file in the same folder, renamed over the entry), so
/// readers, and processes writing the same entry at the same time, see a complete entry or none, never a part. An entry
/// that cannot be read, or that holds another key, is reported by <see cref="TryGet"/> and the caller recomputes; the next
/// <see cref="Put"/> replaces it.
/// </remarks>
public sealed class ResultCache
{
    /// <summary>The environment variable that chooses the cache folder (<see cref="DefaultDirectory(string)"/>).</summary>
    /// <remarks>
    /// Test runs get it from the MSBuild property RobustnessGateCacheDirectory (build/RobustnessGate.props), through the
    /// runsettings file build/RobustnessGate.targets writes for every test project, when that property is set.
    /// </remarks>
    public const string DirectoryVariable = "ROBUSTNESSGATE_CACHE";

    /// <summary>The folder name of the default cache, at the repository root (git-ignored).</summary>
    public const string DefaultFolderName = ".robustness-cache";

    /// <summary>Version of the entry format; entries of another version are reported as <see cref="CacheOutcome.Foreign"/>.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Opens (without creating) the cache in <paramref name="directory"/>; relative paths resolve against the current directory.</summary>
    public ResultCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = System.IO.Path.GetFullPath(directory);
    }

    /// <summary>The cache folder (full path).</summary>
    public string Directory { get; }

    /// <summary>
    /// The folder of the gate's cache for <paramref name="thresholdsFile"/>: the environment variable
    /// <see cref="DirectoryVariable"/> when it is set (a relative path resolves against the current directory), else
    /// <see cref="DefaultFolderName"/> in the nearest folder above the thresholds file that contains a <c>.git</c> entry
    /// (a folder, or the file of a git worktree), else in the thresholds file's own folder.
    /// </summary>
    /// <exception cref="ArgumentException">The variable is set to an empty or blank value, or to an invalid path.</exception>
    public static string DefaultDirectory(string thresholdsFile) =>
        DefaultDirectory(thresholdsFile, Environment.GetEnvironmentVariable(DirectoryVariable));

    /// <summary><see cref="DefaultDirectory(string)"/> with the variable's value given (null: not set).</summary>
    internal static string DefaultDirectory(string thresholdsFile, string? variable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(thresholdsFile);
        if (variable is not null)
        {
            if (string.IsNullOrWhiteSpace(variable))
                throw new ArgumentException($"environment variable {DirectoryVariable}: expected the path of the result cache folder, found '{variable}'");
            try
            {
                return System.IO.Path.GetFullPath(variable);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw new ArgumentException($"environment variable {DirectoryVariable}: expected the path of the result cache folder, found '{variable}' ({e.Message})", e);
            }
        }
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(thresholdsFile))!;
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            var git = System.IO.Path.Combine(dir.FullName, ".git");
            if (System.IO.Directory.Exists(git) || File.Exists(git))
                return System.IO.Path.Combine(dir.FullName, DefaultFolderName);
        }
        return System.IO.Path.Combine(folder, DefaultFolderName);
    }

    /// <summary>The file of <paramref name="key"/>'s entry: <c>&lt;folder&gt;/&lt;hash[0..2]&gt;/&lt;hash&gt;.json</c>.</summary>
    public string PathOf(CacheKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = key.Hash;
        return System.IO.Path.Combine(Directory, hash[..2], hash + ".json");
    }

    /// <summary>
    /// The stored result of <paramref name="key"/>, or why there is none: no entry, a corrupt entry (unreadable,
    /// not JSON, truncated, a field missing or of the wrong kind, a result that does not match the entry's key) or a
    /// foreign one (another key's text, another entry format). Never throws for a bad entry; its message says what was wrong.
    /// </summary>
    public CacheLookup TryGet(CacheKey key)
    {
        var path = PathOf(key);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return CacheLookup.Absent(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CacheLookup.Corrupt(path, $"could not be read ({e.Message})");
        }
        return Parse(path, text, key);
    }

    /// <summary>
    /// Stores <paramref name="result"/> as the entry of <paramref name="key"/>, replacing any entry there, atomically.
    /// The result must belong to the key (<see cref="CacheKey.Of"/> of it equals <paramref name="key"/>), so that an entry
    /// never claims numbers that were measured under other settings.
    /// </summary>
    /// <exception cref="ArgumentException">The result's model, data, attack, target, seed or engine differ from the key's; the message names the first field.</exception>
    /// <exception cref="IOException">The entry could not be written (the message names the file).</exception>
    public void Put(CacheKey key, EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(result);
        CacheKey own;
        try
        {
            own = CacheKey.Of(result);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"result cache: the result cannot be stored, it has no valid key: {e.Message}", nameof(result), e);
        }
        if (CacheKey.Difference(key.Text, own.Text, "key has", "result has") is { } difference)
            throw new ArgumentException($"result cache: the result does not belong to the key ({difference})", nameof(result));

        var path = PathOf(key);
        try
        {
            AtomicFile.WriteAllBytes(path, Serialize(key, result));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{path}: could not write the result cache entry ({e.Message})", e);
        }
    }

    /// <summary>Deletes <paramref name="key"/>'s entry (to recompute it); false when there was none.</summary>
    /// <exception cref="IOException">The entry exists but could not be deleted (the message names the file).</exception>
    public bool Delete(CacheKey key)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
            return false;
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{path}: could not delete the result cache entry ({e.Message})", e);
        }
        return true;
    }

    private static byte[] Serialize(CacheKey key, EvaluationResult result)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = ResultJson.Options.Encoder }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteString("key", key.Text);
            w.WritePropertyName("result");
            JsonSerializer.Serialize(w, result, ResultJson.Options);
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static CacheLookup Parse(string path, string text, CacheKey key)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return CacheLookup.Corrupt(path, $"expected a JSON object, found text that is not JSON or is cut short ({e.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return CacheLookup.Corrupt(path, $"(document): expected an object {{...}}, found {Kind(root)}");

            if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int schema))
                return CacheLookup.Corrupt(path, $"schemaVersion: expected a whole number, found {Found(root, "schemaVersion")}");
            if (schema != SchemaVersion)
                return CacheLookup.Foreign(path, $"schemaVersion: expected {SchemaVersion}, found {schema} (an entry format this tool does not read)");

            if (!root.TryGetProperty("key", out var storedKey) || storedKey.ValueKind != JsonValueKind.String)
                return CacheLookup.Corrupt(path, $"key: expected text in quotes, found {Found(root, "key")}");
            var stored = storedKey.GetString()!;
            if (CacheKey.Difference(key.Text, stored) is { } difference)
                return CacheLookup.Foreign(path, $"key: {difference}");

            if (!root.TryGetProperty("result", out var storedResult) || storedResult.ValueKind != JsonValueKind.Object)
                return CacheLookup.Corrupt(path, $"result: expected an object {{...}}, found {Found(root, "result")}");
            EvaluationResult? result;
            try
            {
                result = storedResult.Deserialize<EvaluationResult>(ResultJson.Options);
            }
            catch (JsonException e)
            {
                var field = "result" + (e.Path ?? "").TrimStart('$');
                return CacheLookup.Corrupt(path, $"{field}: {JsonErrorText.Explain(e, field)}");
            }
            if (result is null)
                return CacheLookup.Corrupt(path, "result: expected an object {...}, found null");

            string own;
            try
            {
                own = CacheKey.Of(result).Text;
            }
            catch (ArgumentException e)
            {
                return CacheLookup.Corrupt(path, $"result: {e.Message}");
            }
            if (CacheKey.Difference(stored, own, "key has", "result has") is { } mismatch)
                return CacheLookup.Corrupt(path, $"result does not match the entry's key ({mismatch})");
            return CacheLookup.Hit(path, result);
        }
    }

    private static string Found(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? Kind(value) : "none";

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "text",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        _ => value.ValueKind.ToString(),
    };
}
