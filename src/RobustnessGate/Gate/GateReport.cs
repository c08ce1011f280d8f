using RobustnessGate.Runtime;

namespace RobustnessGate.Gate;

/// <summary>Every check of one gate run, with the engine and thresholds file: what the summary and the gate command report.</summary>
/// <param name="SchemaVersion">Format version.</param>
/// <param name="Engine">The engine that ran the checks.</param>
/// <param name="ThresholdsFile">The thresholds file.</param>
/// <param name="Checks">The check results, in file order.</param>
public sealed record GateReport(int SchemaVersion, EngineInfo Engine, string ThresholdsFile, IReadOnlyList<CheckResult> Checks)
{
    /// <summary>Version of this format.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Checks served from the result cache.</summary>
    public int CacheHits => Checks.Count(c => c.Cached);

    /// <summary>Inconclusive if any check is, else fail if any check fails, else pass (and inconclusive for no check at all).</summary>
    public Verdict Verdict => Checks.Count == 0 ? Verdict.Inconclusive
        : Checks.Any(c => c.Verdict == Verdict.Inconclusive) ? Verdict.Inconclusive
        : Checks.Any(c => c.Verdict == Verdict.Fail) ? Verdict.Fail : Verdict.Pass;
}
