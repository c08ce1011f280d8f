namespace RobustnessGate.Study.Transferability;

/// <summary>
/// One ordered pair of a <see cref="TransferMatrix"/>: how often the successful examples an attack made on
/// <paramref name="Source"/> also fool <paramref name="Target"/> (Su et al. section 7).
/// </summary>
/// <param name="Source">Model the examples were made on.</param>
/// <param name="Target">Model they were tried on (never the source).</param>
/// <param name="Attack">Attack that made the examples.</param>
/// <param name="TargetMode">The source's target mode: untargeted, random, least-likely or top2.</param>
/// <param name="Counted">Successful source examples whose clean image the target model classifies correctly.</param>
/// <param name="Succeeded">Counted examples that fool the target: untargeted, its top-1 differs from the label; targeted,
/// its top-1 is the source's target class.</param>
/// <param name="SuccessRate">Succeeded / counted; null when nothing was counted.</param>
/// <param name="Top5Succeeded">Targeted only (null untargeted): counted examples whose source target class is among the
/// target model's top-5 classes.</param>
/// <param name="Top5Rate">Top5Succeeded / counted; null untargeted or when nothing was counted.</param>
public sealed record TransferMatrixCell(string Source, string Target, string Attack, string TargetMode, int Counted, int Succeeded,
    double? SuccessRate, int? Top5Succeeded, double? Top5Rate)
{
    /// <summary>A cell with its rates computed from the counts (<paramref name="top5Succeeded"/> null untargeted).</summary>
    public static TransferMatrixCell Of(string source, string target, string attack, string targetMode, int counted, int succeeded, int? top5Succeeded = null) =>
        new(source, target, attack, targetMode, counted, succeeded, counted == 0 ? null : (double)succeeded / counted,
            top5Succeeded, top5Succeeded is { } t && counted > 0 ? (double)t / counted : null);
}
