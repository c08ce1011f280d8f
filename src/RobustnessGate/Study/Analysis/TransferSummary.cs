namespace RobustnessGate.Study.Analysis;

/// <summary>
/// Transfer rates of one attack pooled by source family: within the family (source and target of the same family) and
/// across families. Pooled = total succeeded / total evaluated over the pairs, so pairs with more examples weigh more.
/// </summary>
/// <param name="Attack">Attack name.</param>
/// <param name="SourceFamily">Family of the source models.</param>
/// <param name="WithinFamily">Pooled rate to other models of the same family (null when there are none).</param>
/// <param name="CrossFamily">Pooled rate to models of other families (null when there are none).</param>
/// <param name="Pairs">Ordered (source, target) pairs counted.</param>
public sealed record TransferSummary(string Attack, string SourceFamily, double? WithinFamily, double? CrossFamily, int Pairs)
{
    /// <summary>One summary per (attack, source family) of <paramref name="study"/>; empty when transfer was not measured.</summary>
    public static IReadOnlyList<TransferSummary> Compute(StudyResults study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var family = study.Models.ToDictionary(m => m.Name, m => m.Family, StringComparer.Ordinal);
        return (study.Transfer ?? [])
            .GroupBy(t => (t.Attack, Family: family[t.Source]))
            .OrderBy(g => g.Key.Attack, StringComparer.Ordinal).ThenBy(g => g.Key.Family, StringComparer.Ordinal)
            .Select(g =>
            {
                var within = g.Where(t => family[t.Target] == g.Key.Family).ToList();
                var cross = g.Where(t => family[t.Target] != g.Key.Family).ToList();
                return new TransferSummary(g.Key.Attack, g.Key.Family, Pooled(within), Pooled(cross), g.Count());
            }).ToList();
    }

    private static double? Pooled(List<TransferCell> cells)
    {
        long evaluated = cells.Sum(c => (long)c.Evaluated);
        return evaluated == 0 ? null : (double)cells.Sum(c => (long)c.Succeeded) / evaluated;
    }
}
