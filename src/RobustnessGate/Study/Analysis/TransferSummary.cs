using RobustnessGate.Study.Transferability;

namespace RobustnessGate.Study.Analysis;

/// <summary>
/// Transfer rates of one attack and target mode pooled by source family: within the family (source and target of the same
/// family) and across families. Pooled = total succeeded / total counted over the pairs, so pairs with more examples weigh
/// more. The rate is the top-1 rate: untargeted, the target's top-1 changed; targeted, it is the source's target class.
/// </summary>
/// <param name="Attack">Attack name.</param>
/// <param name="TargetMode">The source's target mode.</param>
/// <param name="SourceFamily">Family of the source models.</param>
/// <param name="WithinFamily">Pooled rate to other models of the same family (null when there are none).</param>
/// <param name="CrossFamily">Pooled rate to models of other families (null when there are none).</param>
/// <param name="Pairs">Ordered (source, target) pairs counted.</param>
/// <param name="CrossFamilyTop5">Targeted only: pooled top-5 matching rate across families (null untargeted).</param>
public sealed record TransferSummary(string Attack, string TargetMode, string SourceFamily, double? WithinFamily, double? CrossFamily, int Pairs,
    double? CrossFamilyTop5 = null)
{
    /// <summary>One summary per (attack, target mode, source family) of <paramref name="study"/>; empty when transfer was not measured.</summary>
    public static IReadOnlyList<TransferSummary> Compute(StudyResults study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var family = study.Models.ToDictionary(m => m.Name, m => m.Family, StringComparer.Ordinal);
        return (study.Transfer ?? [])
            .GroupBy(t => (t.Attack, t.TargetMode, Family: family[t.Source]))
            .OrderBy(g => g.Key.Family, StringComparer.Ordinal)
            .Select(g =>
            {
                var within = g.Where(t => family[t.Target] == g.Key.Family).ToList();
                var cross = g.Where(t => family[t.Target] != g.Key.Family).ToList();
                return new TransferSummary(g.Key.Attack, g.Key.TargetMode, g.Key.Family, Pooled(within, c => c.Succeeded), Pooled(cross, c => c.Succeeded),
                    g.Count(), cross.All(c => c.Top5Succeeded is null) ? null : Pooled(cross, c => c.Top5Succeeded ?? 0));
            })
            // Keep the order in which the study lists its matrices.
            .OrderBy(s => Order(study, s.Attack, s.TargetMode)).ToList();
    }

    /// <summary>Pooled rate of <paramref name="cells"/>: the chosen successes over everything counted; null when nothing was.</summary>
    internal static double? Pooled(IReadOnlyCollection<TransferMatrixCell> cells, Func<TransferMatrixCell, int> succeeded)
    {
        long counted = cells.Sum(c => (long)c.Counted);
        return counted == 0 ? null : (double)cells.Sum(c => (long)succeeded(c)) / counted;
    }

    private static int Order(StudyResults study, string attack, string mode)
    {
        var cells = study.Transfer ?? [];
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i].Attack == attack && cells[i].TargetMode == mode)
                return i;
        }
        return int.MaxValue;
    }
}
