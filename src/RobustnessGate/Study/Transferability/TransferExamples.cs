using System.Text.Json;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Persistence;

namespace RobustnessGate.Study.Transferability;

/// <summary>
/// The successful adversarial examples one attack made on one source model (Su et al. section 7: only these are
/// transferred; failed source examples are excluded). Stored as a pair of files: &lt;name&gt;.npy (the pixels, N x C x H x W)
/// and &lt;name&gt;.json (the key they were made under, data set indices and target classes), the JSON written last so that
/// it marks the pair as complete.
/// </summary>
/// <param name="Indices">Data set indices of the successful examples, ascending.</param>
/// <param name="Targets">The source's target class of each (null untargeted).</param>
/// <param name="Pixels">Their pixels, one image after another.</param>
public sealed record TransferExamples(int[] Indices, long?[] Targets, float[] Pixels)
{
    private sealed record IndexFile(string Key, int[] Indices, long?[] Targets);

    /// <summary>The successful examples of <paramref name="result"/> among <paramref name="captured"/> (index -> pixels).</summary>
    public static TransferExamples From(EvaluationResult result, IReadOnlyDictionary<int, float[]> captured)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(captured);
        var indices = captured.Keys.Where(i => result.Examples[i].Success).Order().ToArray();
        return new TransferExamples(indices, indices.Select(i => result.Examples[i].Target).ToArray(), indices.SelectMany(i => captured[i]).ToArray());
    }

    /// <summary>Writes the pair <paramref name="stem"/>.npy and <paramref name="stem"/>.json atomically, under <paramref name="key"/>.</summary>
    public void Write(string stem, string key, ImageSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        NpyWriter.WriteFloats(stem + ".npy", Pixels, [Indices.Length, data.Channels, data.Height, data.Width]);
        AtomicFile.WriteAllText(stem + ".json", JsonSerializer.Serialize(new IndexFile(key, Indices, Targets), ResultJson.Options) + "\n");
    }

    /// <summary>The examples stored at <paramref name="stem"/> when they were made under <paramref name="key"/>; otherwise
    /// (missing, unreadable, other key, pixel count not matching the indices) null, so the caller makes them again.</summary>
    public static TransferExamples? Read(string stem, string key, int elementsPerImage)
    {
        if (!File.Exists(stem + ".json") || !File.Exists(stem + ".npy"))
            return null;
        try
        {
            var index = JsonSerializer.Deserialize<IndexFile>(File.ReadAllText(stem + ".json"), ResultJson.Options);
            if (index is null || index.Key != key || index.Targets.Length != index.Indices.Length)
                return null;
            var pixels = NpyReader.ReadFloats(stem + ".npy").Values;
            return pixels.Length == index.Indices.Length * elementsPerImage ? new TransferExamples(index.Indices, index.Targets, pixels) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or DataFormatException or IOException)
        {
            return null;
        }
    }
}
