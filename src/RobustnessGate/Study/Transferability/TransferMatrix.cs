using RobustnessGate.Evaluation;
using RobustnessGate.Runtime;

namespace RobustnessGate.Study.Transferability;

/// <summary>
/// Transferability of one attack and target mode across a set of models (Su et al. section 7): one cell per ordered pair
/// (source, target), source != target. Written as transfer.json and transfer.csv by <see cref="TransferMatrixFiles"/>.
/// </summary>
/// <param name="SchemaVersion">Version of the transfer.json layout (1).</param>
/// <param name="Engine">Tool, TorchSharp and threads.</param>
/// <param name="Models">The models with their fingerprints, in the order given.</param>
/// <param name="Dataset">The images used (name, count, fingerprint).</param>
/// <param name="Attack">The attack with its preset and every effective parameter.</param>
/// <param name="TargetMode">Target mode of the attack on each source.</param>
/// <param name="Seed">Seed of random targets and random starts.</param>
/// <param name="Seconds">Wall time of the whole measurement.</param>
/// <param name="Cells">One cell per ordered pair, sources in model order, targets in model order within a source.</param>
public sealed record TransferMatrix(int SchemaVersion, EngineInfo Engine, IReadOnlyList<ModelInfo> Models, DatasetInfo Dataset,
    AttackInfo Attack, string TargetMode, long Seed, double Seconds, IReadOnlyList<TransferMatrixCell> Cells)
{
    /// <summary>The layout version this code writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The cell of the ordered pair (<paramref name="source"/>, <paramref name="target"/>).</summary>
    public TransferMatrixCell Cell(string source, string target) =>
        Cells.FirstOrDefault(c => c.Source == source && c.Target == target)
        ?? throw new KeyNotFoundException($"transfer matrix: no cell with source '{source}' and target '{target}'; models are {string.Join(", ", Models.Select(m => m.Name))}");
}
