namespace RobustnessGate.Study.Analysis;

/// <summary>
/// The family summary of one transferability matrix: the pooled top-1 rate between models of the same family and between
/// models of different families (Su et al.'s finding (4) contrasts the two), and the source family whose examples fool
/// other families most often.
/// </summary>
/// <param name="Attack">Attack name.</param>
/// <param name="TargetMode">The source's target mode.</param>
/// <param name="WithinFamily">Pooled rate over the same-family pairs (null when there are none).</param>
/// <param name="CrossFamily">Pooled rate over the cross-family pairs (null when there are none).</param>
/// <param name="TopSourceFamily">The source family with the highest cross-family rate (null when none has one).</param>
/// <param name="TopCrossFamily">Its cross-family rate.</param>
/// <param name="Counted">Examples counted over all pairs.</param>
public sealed record TransferOverview(string Attack, string TargetMode, double? WithinFamily, double? CrossFamily, string? TopSourceFamily,
    double? TopCrossFamily, long Counted)
{
    /// <summary>One overview per (attack, target mode), in the order of <paramref name="summaries"/>.</summary>
    public static IReadOnlyList<TransferOverview> Compute(StudyResults study, IReadOnlyList<TransferSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(summaries);
        var family = study.Models.ToDictionary(m => m.Name, m => m.Family, StringComparer.Ordinal);
        var cells = study.Transfer ?? [];
        return summaries.Select(s => (s.Attack, s.TargetMode)).Distinct().Select(k =>
        {
            var matrix = cells.Where(c => c.Attack == k.Attack && c.TargetMode == k.TargetMode).ToList();
            var top = summaries.Where(s => s.Attack == k.Attack && s.TargetMode == k.TargetMode && s.CrossFamily is not null)
                .OrderByDescending(s => s.CrossFamily).ThenBy(s => s.SourceFamily, StringComparer.Ordinal).FirstOrDefault();
            return new TransferOverview(k.Attack, k.TargetMode,
                TransferSummary.Pooled(matrix.Where(c => family[c.Source] == family[c.Target]).ToList(), c => c.Succeeded),
                TransferSummary.Pooled(matrix.Where(c => family[c.Source] != family[c.Target]).ToList(), c => c.Succeeded),
                top?.SourceFamily, top?.CrossFamily, matrix.Sum(c => (long)c.Counted));
        }).ToList();
    }
}
