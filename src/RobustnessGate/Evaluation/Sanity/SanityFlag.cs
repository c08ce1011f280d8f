namespace RobustnessGate.Evaluation.Sanity;

/// <summary>
/// One finding of the sanity checks the evaluator runs with every result (README, "Sanity checks"): the measurement may be
/// silently weak. result.json field <c>sanity</c> lists them; the gate turns a warning into "inconclusive" unless the check
/// accepts its code with a reason.
/// </summary>
/// <param name="Code">The check's code, one of <see cref="SanityCodes.All"/> (e.g. "zero-gradients").</param>
/// <param name="Severity">"warning" (the result is kept) or "error" (the evaluation is refused); see <see cref="SanitySeverity"/>.</param>
/// <param name="Message">What was found, with counts, and what it suggests.</param>
public sealed record SanityFlag(string Code, string Severity, string Message);
