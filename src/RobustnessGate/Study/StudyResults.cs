using RobustnessGate.Study.Transferability;

namespace RobustnessGate.Study;

/// <summary>
/// Everything a zoo study measured: the models, one <see cref="StudyCell"/> per (model, attack, target), and optionally a
/// gallery of examples and transfer rates. This is the input of the analyses and of the report; it is written as
/// study.json (camelCase) by <see cref="StudyJson"/>. The numbers are the project's own measurements, never the paper's.
/// </summary>
public sealed record StudyResults
{
    /// <summary>Version of this format: 2 since the transfer cells became matrix cells of every attack and target mode
    /// and the CLEVER cells were added (version 1 had untargeted FGSM transfer cells only).</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>Format version; readers reject other versions.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>One line saying what was measured (e.g. "18-model MNIST-scale zoo, 500 test images").</summary>
    public required string Description { get; init; }

    /// <summary>Data set identity (name, image count, fingerprint).</summary>
    public required StudyDataset Dataset { get; init; }

    /// <summary>Tool and runtime that produced the measurements (free text, e.g. "RobustnessGate 0.1.0, TorchSharp 0.107.0, 2 threads").</summary>
    public required string Engine { get; init; }

    /// <summary>The models, in display order; names are unique.</summary>
    public required IReadOnlyList<StudyModelInfo> Models { get; init; }

    /// <summary>The attacks' settings (empty when not recorded).</summary>
    public IReadOnlyList<StudyAttack> Attacks { get; init; } = [];

    /// <summary>One cell per (model, attack, target) that was run.</summary>
    public required IReadOnlyList<StudyCell> Cells { get; init; }

    /// <summary>A few clean images with their adversarial versions (empty when none were kept).</summary>
    public IReadOnlyList<GalleryItem> Gallery { get; init; } = [];

    /// <summary>
    /// The transferability matrices (Su et al. section 7): one cell per (attack, target mode, source, target), source !=
    /// target; null when transferability was not measured.
    /// </summary>
    public IReadOnlyList<TransferMatrixCell>? Transfer { get; init; }

    /// <summary>CLEVER scores (Weng et al., ICLR 2018), one cell per (model, norm, target); empty when not measured.</summary>
    public IReadOnlyList<StudyCleverCell> Clever { get; init; } = [];
}
