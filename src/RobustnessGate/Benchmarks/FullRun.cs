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
/// <param name="GradientPasses">Forward+backward passes of single images, summed over examples (what finished examples no longer cost is missing).</param>
/// <param name="ScoringPasses">Forward-only passes of single images that scored an iterate (EAD), summed over examples.</param>
/// <param name="FloorMillisecondsPerImage">Bare forward+backward of one image, measured on a full batch of the same model.</param>
/// <param name="RatioToFloor">Wall time / (gradient passes x floor per image): the whole run's cost per gradient pass against the
/// floor, with early abort, compaction, scoring, shrinking batches and the evaluator's own passes included.</param>
/// <param name="GradientCalls">Batched forward passes with gradients the run made (attack iterations plus the sanity checks' few),
/// independent of machine load: fewer calls for the same <paramref name="GradientPasses"/> means fuller batches.</param>
/// <param name="MeanRows">Mean images per such call.</param>
public sealed record FullRun(string Attack, string Model, int Images, double Seconds, double? SuccessRate, double? MeanL2, double? MeanL1,
    long ResidentBytesBefore, long ResidentBytesPeak, long ResidentBytesAfter, double GradientPasses, double ScoringPasses,
    double FloorMillisecondsPerImage, double RatioToFloor, long GradientCalls, double MeanRows);
