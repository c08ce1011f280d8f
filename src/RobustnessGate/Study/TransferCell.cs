namespace RobustnessGate.Study;

/// <summary>
/// How often adversarial examples made on <paramref name="Source"/> also fool <paramref name="Target"/>. The cells of one
/// attack form the source x target matrix (Su et al.: 18 x 17 ordered pairs).
/// </summary>
/// <param name="Attack">Attack that made the examples on the source.</param>
/// <param name="Source">Model the examples were made on.</param>
/// <param name="Target">Model they were tried on (differs from the source).</param>
/// <param name="Evaluated">Examples counted (the target classifies the clean image correctly).</param>
/// <param name="Succeeded">Examples whose top-1 class on the target changed.</param>
public sealed record TransferCell(string Attack, string Source, string Target, int Evaluated, int Succeeded)
{
    /// <summary>Succeeded / evaluated (null when nothing was evaluated); higher = examples transfer more.</summary>
    public double? SuccessRate => Evaluated == 0 ? null : (double)Succeeded / Evaluated;
}
