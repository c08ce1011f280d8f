using RobustnessGate.Attacks;
using RobustnessGate.Clever;

namespace RobustnessGate.Study.Running;

/// <summary>What a study runs: every model x attack x target on the first <see cref="Count"/> images, plus transferability.</summary>
/// <param name="Description">One line for the report.</param>
/// <param name="Budget">Budget name (quick, paper).</param>
/// <param name="Models">The models.</param>
/// <param name="Attacks">The attacks with their settings (typed, validated by their definitions).</param>
/// <param name="Targets">Target modes.</param>
/// <param name="Count">Images per model (the first N of the data set; only correctly classified ones are attacked).</param>
/// <param name="Seed">Seed for random targets and starts.</param>
/// <param name="Transfer">Untargeted attack whose successful examples are replayed on every other model, or null.</param>
/// <param name="GalleryModels">Models whose examples appear in the report's gallery.</param>
/// <param name="GalleryAttack">Attack (untargeted) whose examples the gallery shows.</param>
/// <param name="GalleryImages">Images per gallery model.</param>
/// <param name="Clever">CLEVER runs per model (norm, target, N_s, N_b, image count; the plan's seed is used); null or empty: none.</param>
/// <remarks>When <paramref name="Transfer"/> is set, every attack cell also keeps its successful examples and the study
/// measures the transferability matrix of every attack and target mode, plus that of <paramref name="Transfer"/>.</remarks>
public sealed record StudyPlan(string Description, string Budget, IReadOnlyList<StudyModelSource> Models,
    IReadOnlyList<AttackSettings> Attacks, IReadOnlyList<TargetMode> Targets, int Count, long Seed,
    AttackSettings? Transfer, IReadOnlyList<string> GalleryModels, string GalleryAttack, int GalleryImages,
    IReadOnlyList<CleverOptions>? Clever = null)
{
    /// <summary>Cells the plan runs (attack cells, one transfer-source cell per model, the CLEVER cells).</summary>
    public int CellCount => Models.Count * (Attacks.Count * Targets.Count + (Transfer is null ? 0 : 1) + (Clever?.Count ?? 0));

    /// <summary>Checks the plan before anything runs.</summary>
    public void Validate()
    {
        if (Models.Count == 0)
            throw new ArgumentException("a study needs at least one model");
        var duplicate = Models.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"model name '{duplicate.Key}' appears twice; names must be unique");
        if (Count < 1)
            throw new ArgumentException($"count must be at least 1, got {Count}");
        var repeated = Attacks.GroupBy(a => a.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"attack '{repeated.Key}' appears twice; a study runs each attack once");
    }
}
