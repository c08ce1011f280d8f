namespace RobustnessGate.Evaluation.Sanity;

/// <summary>The severities of a <see cref="SanityFlag"/>, as written in result.json.</summary>
public static class SanitySeverity
{
    /// <summary>The result is written but may be weaker than it looks; the gate calls it inconclusive unless accepted.</summary>
    public const string Warning = "warning";

    /// <summary>The evaluation is refused before any attack (a <see cref="ModelContractException"/>).</summary>
    public const string Error = "error";
}
