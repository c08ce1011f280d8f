using RobustnessGate.Evaluation;

namespace RobustnessGate.Gate;

/// <summary>The outcome of one gate check: every metric, the frontier, the snapshot, and the verdict with its reason.</summary>
/// <param name="Check">The check.</param>
/// <param name="Result">The evaluation.</param>
/// <param name="Metrics">One outcome per gate metric (held ones first).</param>
/// <param name="Frontier">The frontier outcome, or null when the check has none.</param>
/// <param name="Snapshot">The snapshot of this run.</param>
/// <param name="SnapshotMoved">True when the snapshot differs from the approved one beyond tolerance, or there is none (a received file is then written).</param>
/// <param name="Health">The worst health of the held metrics (display only).</param>
/// <param name="Verdict">Pass, fail or inconclusive.</param>
/// <param name="Reason">Every reason for a verdict other than pass, one per line (empty when it passes).</param>
/// <param name="Cached">True when the evaluation came from the result cache.</param>
public sealed record CheckResult(GateCheck Check, EvaluationResult Result, IReadOnlyList<MetricOutcome> Metrics, FrontierOutcome? Frontier,
    GateSnapshot Snapshot, bool SnapshotMoved, Health Health, Verdict Verdict, string Reason, bool Cached)
{
    /// <summary>The failure message people read: the check, what moved, by how much, against which baseline and frontier.</summary>
    public string Message => Verdict == Verdict.Pass
        ? $"check '{Check.Id}' ({Check.DisplayName}): pass"
        : $"check '{Check.Id}' ({Check.DisplayName}): {Verdict.ToString().ToLowerInvariant()}\n  " + Reason.Replace("\n", "\n  ", StringComparison.Ordinal);
}
