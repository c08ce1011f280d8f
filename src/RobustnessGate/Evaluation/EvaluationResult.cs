using System.Text.Json.Serialization;
using RobustnessGate.Metrics;

namespace RobustnessGate.Evaluation;

/// <summary>
/// The result of one (model, data, attack, target) evaluation: the contract written to result.json (see README).
/// Success is counted over correctly classified images only (Su et al.); robust accuracy is over all images.
/// </summary>
public sealed record EvaluationResult
{
    /// <summary>Version of this format.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Format version.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Tool and runtime that produced the result.</summary>
    public required EngineInfo Engine { get; init; }

    /// <summary>The model.</summary>
    public required ModelInfo Model { get; init; }

    /// <summary>The images.</summary>
    public required DatasetInfo Dataset { get; init; }

    /// <summary>The attack with every effective parameter.</summary>
    public required AttackInfo Attack { get; init; }

    /// <summary>Target mode: untargeted, random, least-likely or top2.</summary>
    public required string Target { get; init; }

    /// <summary>Seed for random targets and starts.</summary>
    public required long Seed { get; init; }

    /// <summary>Fraction of all images the model classifies correctly.</summary>
    public required double CleanAccuracy { get; init; }

    /// <summary>Images attacked (the correctly classified ones).</summary>
    public required int Attacked { get; init; }

    /// <summary>Attacked images whose adversarial example is verified by a fresh forward pass.</summary>
    public required int Succeeded { get; init; }

    /// <summary>Succeeded / attacked (null when nothing was attacked).</summary>
    public required double? SuccessRate { get; init; }

    /// <summary>Images classified correctly both clean and under attack, over all images.</summary>
    public required double RobustAccuracy { get; init; }

    /// <summary>Distortion statistics over successful examples only.</summary>
    public required DistortionStatistics Distortion { get; init; }

    /// <summary>Wall time of the attack phase in seconds.</summary>
    public required double Seconds { get; init; }

    /// <summary>
    /// Success versus budget, for attacks that report each image's smallest successful budget as "epsilon" (fgsm-sweep,
    /// ifgsm): one point per distinct budget of a verified success. Absent (not written) for other attacks.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SuccessCurvePoint>? SuccessCurve { get; init; }

    /// <summary>Per-image outcomes.</summary>
    public required IReadOnlyList<ExampleResult> Examples { get; init; }
}

/// <summary>Tool and runtime.</summary>
/// <param name="Name">"RobustnessGate".</param>
/// <param name="Version">Tool version.</param>
/// <param name="TorchSharp">TorchSharp version.</param>
/// <param name="Threads">Pinned thread count.</param>
public sealed record EngineInfo(string Name, string Version, string TorchSharp, int Threads);

/// <summary>Model identity.</summary>
/// <param name="Name">Built-in name or file name.</param>
/// <param name="Sha256">Fingerprint of weights or file.</param>
public sealed record ModelInfo(string Name, string Sha256);

/// <summary>Data identity.</summary>
/// <param name="Name">Built-in name or file name.</param>
/// <param name="Count">Images evaluated.</param>
/// <param name="Sha256">SHA-256 of the decoded images and labels evaluated.</param>
public sealed record DatasetInfo(string Name, int Count, string Sha256);

/// <summary>Attack identity.</summary>
/// <param name="Name">Attack name.</param>
/// <param name="Parameters">Every effective parameter value.</param>
public sealed record AttackInfo(string Name, IReadOnlyDictionary<string, object> Parameters);

/// <summary>Distortion statistics per norm.</summary>
/// <param name="L0">Changed elements.</param>
/// <param name="L1">L1 norm.</param>
/// <param name="L2">L2 norm.</param>
/// <param name="Linf">L-infinity norm.</param>
public sealed record DistortionStatistics(Summary L0, Summary L1, Summary L2, Summary Linf);

/// <summary>One image's outcome. Norms are null for images that were not attacked or where the attack failed.</summary>
/// <param name="Index">Index in the data set.</param>
/// <param name="Label">True label.</param>
/// <param name="Target">Target class (null when untargeted).</param>
/// <param name="CleanPrediction">Top-1 class of the clean image.</param>
/// <param name="AdversarialPrediction">Top-1 class of the returned example (null when not attacked).</param>
/// <param name="Attacked">Whether the image was attacked (it was correctly classified).</param>
/// <param name="Success">Whether the attack succeeded, verified by a fresh forward pass.</param>
/// <param name="L0">Changed elements.</param>
/// <param name="L1">L1 distortion.</param>
/// <param name="L2">L2 distortion.</param>
/// <param name="Linf">L-infinity distortion.</param>
/// <param name="Extra">Attack-specific values (e.g. the smallest successful epsilon).</param>
public sealed record ExampleResult(int Index, long Label, long? Target, long CleanPrediction, long? AdversarialPrediction,
    bool Attacked, bool Success, double? L0, double? L1, double? L2, double? Linf, IReadOnlyDictionary<string, double?>? Extra = null);
