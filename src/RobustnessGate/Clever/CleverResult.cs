using RobustnessGate.Evaluation;
using RobustnessGate.Runtime;

namespace RobustnessGate.Clever;

/// <summary>CLEVER scores of one model over one data set: the content of the clever command's result.json.</summary>
public sealed record CleverResult
{
    /// <summary>The schema version written by this code.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Schema version of the file.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Always "clever": tells this file from an attack's result.json.</summary>
    public string Kind { get; init; } = "clever";

    /// <summary>Tool, TorchSharp version and threads.</summary>
    public required EngineInfo Engine { get; init; }

    /// <summary>The model's name and fingerprint.</summary>
    public required ModelInfo Model { get; init; }

    /// <summary>The data set's name, the images used and its fingerprint.</summary>
    public required DatasetInfo Dataset { get; init; }

    /// <summary>The run's settings.</summary>
    public required CleverParameters Parameters { get; init; }

    /// <summary>Fraction of the images classified correctly (only these are scored).</summary>
    public required double CleanAccuracy { get; init; }

    /// <summary>Number of images scored.</summary>
    public required int Scored { get; init; }

    /// <summary>Mean score over the scored images (Su et al. average the scores); null when none was scored.</summary>
    public required double? MeanScore { get; init; }

    /// <summary>Input gradients computed (samples x batches x classes x images).</summary>
    public required long GradientEvaluations { get; init; }

    /// <summary>Wall time of the scoring in seconds.</summary>
    public required double Seconds { get; init; }

    /// <summary>One entry per image.</summary>
    public required IReadOnlyList<CleverExample> Examples { get; init; }
}
