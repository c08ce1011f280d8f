using System.Text.Json.Serialization;
using RobustnessGate.Evaluation.Sanity;
using RobustnessGate.Runtime;

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

    /// <summary>
    /// Findings of the sanity checks run with the evaluation (README, "Sanity checks"): empty when clean. Null only in results
    /// read from files written before the checks existed; the gate recomputes such cached results.
    /// </summary>
    public IReadOnlyList<SanityFlag>? Sanity { get; init; }

    /// <summary>Per-image outcomes.</summary>
    public required IReadOnlyList<ExampleResult> Examples { get; init; }
}
