using System.Text.Json;
using System.Text.Json.Serialization;
using RobustnessGate.Persistence;
using RobustnessGate.Runtime;

namespace RobustnessGate.Models;

/// <summary>models/manifest.json: what each shipped weights file is and how it was made.</summary>
/// <param name="SchemaVersion">Format version.</param>
/// <param name="Models">One entry per model.</param>
public sealed record ModelManifest(int SchemaVersion, IReadOnlyList<ModelManifestEntry> Models)
{
    /// <summary>Current format version.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>File name inside the models folder.</summary>
    public const string FileName = "manifest.json";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads the manifest in <paramref name="directory"/>; an empty manifest when there is none.</summary>
    public static ModelManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            return new ModelManifest(CurrentSchemaVersion, []);
        ModelManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: empty manifest");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid model manifest ({e.Message})", e);
        }
        // An explicit null reads like a missing field: kernels unknown.
        return manifest with { Models = manifest.Models.Select(m => m.CpuKernels is null ? m with { CpuKernels = CpuKernelSignature.Unknown } : m).ToList() };
    }

    /// <summary>This manifest with <paramref name="entry"/> added or replaced, sorted by name.</summary>
    public ModelManifest With(ModelManifestEntry entry) =>
        this with { Models = Models.Where(m => m.Name != entry.Name).Append(entry).OrderBy(m => m.Name, StringComparer.Ordinal).ToList() };

    /// <summary>Writes atomically into <paramref name="directory"/>.</summary>
    public void Write(string directory) =>
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json) + "\n");
}

/// <summary>One shipped model.</summary>
/// <param name="Name">Built-in name.</param>
/// <param name="Family">Architecture family.</param>
/// <param name="Description">Architecture summary.</param>
/// <param name="File">Weights file name.</param>
/// <param name="Parameters">Number of trainable parameters.</param>
/// <param name="Training">Trainer settings.</param>
/// <param name="TrainCount">Training images used.</param>
/// <param name="TestAccuracy">Top-1 accuracy on the built-in test split (2,000 images).</param>
/// <param name="Sha256">SHA-256 of the weights (state dictionary).</param>
/// <param name="Engine">TorchSharp version that trained it.</param>
/// <param name="Depth">Weight layers on the longest path (see <see cref="BuiltInModel.Depth"/>); absent in older manifests.</param>
/// <param name="Width">Width multiplier (see <see cref="BuiltInModel.Width"/>); absent in older manifests.</param>
/// <param name="Series">Depth or width series (see <see cref="BuiltInModel.Series"/>); absent in older manifests.</param>
/// <param name="CpuKernels">
/// The CPU kernels the weights were trained with (<see cref="CpuKernelSignature"/>): retraining reproduces them bit for bit
/// only under the same signature. Absent in older manifests, read as <see cref="CpuKernelSignature.Unknown"/>.
/// </param>
public sealed record ModelManifestEntry(string Name, string Family, string Description, string File, long Parameters,
    TrainingOptions Training, int TrainCount, double TestAccuracy, string Sha256, string Engine,
    int? Depth = null, double? Width = null, string? Series = null, string CpuKernels = CpuKernelSignature.Unknown)
{
    /// <summary>Unused; keeps the JSON shape open for later fields.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
