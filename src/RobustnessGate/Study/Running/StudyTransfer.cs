using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Study.Transferability;

namespace RobustnessGate.Study.Running;

/// <summary>
/// The study's transferability matrices (Su et al. section 7): the successful examples every attack cell stored (made once
/// per (source, attack, target mode) and reused across runs) are replayed on every other model through
/// <see cref="TransferEngine.Replay"/>, the one copy of the counting rules. Failed source examples are excluded.
/// </summary>
internal static class StudyTransfer
{
    /// <summary>One stored set of examples: the source, the attack and target mode it was made with, and its file stem.</summary>
    public sealed record Source(string Model, string Attack, TargetMode Target, string Stem, string Key);

    public static List<TransferMatrixCell> Replay(IReadOnlyList<StudyModelSource> models, IReadOnlyList<Source> sources, LoadedModels loaded,
        ImageSet data, CancellationToken ct)
    {
        var examples = sources.ToDictionary(s => s, s => TransferExamples.Read(s.Stem, s.Key, data.ElementsPerImage)
            ?? throw new InvalidDataException($"{s.Stem}.json: the examples of {s.Model} {s.Attack} {TargetNames.Name(s.Target)} are missing or were made under another key; the cell should have rewritten them"));
        var clean = models.ToDictionary(m => m.Name, m => TransferEngine.CleanTopOne(loaded.Get(m.Name), data, 256), StringComparer.Ordinal);
        var cells = new List<TransferMatrixCell>();
        // Order: attack, target mode, source, target, all in plan order, so the matrices read row by row.
        foreach (var group in sources.GroupBy(s => (s.Attack, s.Target)))
        {
            foreach (var source in group)
            {
                ct.ThrowIfCancellationRequested();
                foreach (var target in models.Where(m => m.Name != source.Model))
                {
                    cells.Add(TransferEngine.Replay(source.Model, loaded.Get(target.Name), source.Attack, source.Target, data,
                        clean[target.Name], examples[source], 256) with { Target = target.Name });
                }
            }
        }
        return cells;
    }
}
