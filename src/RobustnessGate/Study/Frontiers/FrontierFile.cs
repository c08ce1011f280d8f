using RobustnessGate.Runtime;

namespace RobustnessGate.Study.Frontiers;

/// <summary>
/// An accuracy-robustness Pareto frontier with its provenance, as the study writes it (frontiers/*.json) and the gate reads
/// it as a threshold: every model's point, the frontier members, and exactly how the points were measured (attack
/// parameters and preset, target, data set and count, seed, engine). A gate check is compared with a frontier only when
/// its protocol is the same (<see cref="FrontierProtocol"/>).
/// </summary>
public sealed record FrontierFile
{
    /// <summary>Version of this format.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Format version.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>How the points were measured.</summary>
    public required FrontierProtocol Protocol { get; init; }

    /// <summary>The norm of the robustness axis (mean distortion of the successful examples): "L0", "L1", "L2" or "Linf".</summary>
    public required string Norm { get; init; }

    /// <summary>The engine that measured the points (a different engine is reported, not refused).</summary>
    public required EngineInfo Engine { get; init; }

    /// <summary>Every model measured, in study order.</summary>
    public required IReadOnlyList<FrontierModel> Models { get; init; }

    /// <summary>The frontier members, by accuracy ascending: the piecewise-linear frontier runs through them.</summary>
    public required IReadOnlyList<FrontierPoint> Frontier { get; init; }

    /// <summary>The file name the study gives a frontier: attack-target-norm.json.</summary>
    public static string FileName(string attack, string target, string norm) => $"{attack}-{target}-{norm.ToLowerInvariant()}.json";
}

/// <summary>The measurement protocol of a frontier; two protocols compare equal only when every field does.</summary>
/// <param name="Attack">Attack name.</param>
/// <param name="Preset">The preset its settings started from.</param>
/// <param name="Parameters">Every effective attack parameter (as result.json writes them).</param>
/// <param name="Target">Target mode.</param>
/// <param name="Seed">Seed of random targets and starts.</param>
/// <param name="Dataset">Name of the data set.</param>
/// <param name="Count">Images attacked per model (the first N).</param>
/// <param name="DatasetSha256">SHA-256 of those N images and labels.</param>
/// <param name="AccuracyCount">Images the accuracy axis was measured on (the whole data set).</param>
/// <param name="AccuracySha256">SHA-256 of those images and labels.</param>
public sealed record FrontierProtocol(string Attack, string Preset, IReadOnlyDictionary<string, object> Parameters, string Target, long Seed,
    string Dataset, int Count, string DatasetSha256, int AccuracyCount, string AccuracySha256);

/// <summary>One model's point.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Family">Architecture family.</param>
/// <param name="Sha256">Model fingerprint.</param>
/// <param name="Accuracy">Clean top-1 accuracy on the accuracy set.</param>
/// <param name="MeanDistortion">Mean distortion of the successful examples in the frontier's norm (null: none succeeded).</param>
/// <param name="Attacked">Images attacked.</param>
/// <param name="Succeeded">Images fooled.</param>
/// <param name="OnFrontier">Whether the model is a frontier member.</param>
public sealed record FrontierModel(string Name, string Family, string Sha256, double Accuracy, double? MeanDistortion, int Attacked, int Succeeded, bool OnFrontier);

/// <summary>A frontier member.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Accuracy">Clean accuracy.</param>
/// <param name="Robustness">Mean distortion.</param>
public sealed record FrontierPoint(string Model, double Accuracy, double Robustness);
