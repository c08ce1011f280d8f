namespace RobustnessGate.Benchmarks;

/// <summary>One whole attack at its default (paper) budget through the Evaluator, with resident memory sampled during the run.</summary>
/// <param name="Attack">Attack name.</param>
/// <param name="Model">Model name.</param>
/// <param name="Images">Images evaluated.</param>
/// <param name="Seconds">Wall time of the attack phase.</param>
/// <param name="SuccessRate">Verified success rate over attacked images.</param>
/// <param name="MeanL2">Mean L2 over successes (null when none).</param>
/// <param name="MeanL1">Mean L1 over successes (null when none).</param>
/// <param name="ResidentBytesBefore">RSS before the run.</param>
/// <param name="ResidentBytesPeak">Largest RSS sampled during the run (every progress report).</param>
/// <param name="ResidentBytesAfter">RSS after the run and a release of freed memory.</param>
public sealed record FullRun(string Attack, string Model, int Images, double Seconds, double? SuccessRate, double? MeanL2, double? MeanL1,
    long ResidentBytesBefore, long ResidentBytesPeak, long ResidentBytesAfter);
