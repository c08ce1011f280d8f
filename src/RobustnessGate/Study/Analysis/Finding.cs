namespace RobustnessGate.Study.Analysis;

/// <summary>One of Su et al.'s four findings, judged on this study's own measurements.</summary>
/// <param name="Number">1 to 4, in the paper's order.</param>
/// <param name="Claim">The finding in one sentence.</param>
/// <param name="Verdict">Reproduced, not reproduced, inconclusive or not measured.</param>
/// <param name="Evidence">The numbers behind the verdict, one case per "; "-separated part.</param>
/// <param name="Rule">The rule that turned those numbers into the verdict.</param>
public sealed record Finding(int Number, string Claim, FindingVerdict Verdict, string Evidence, string Rule)
{
    /// <summary>The claim in a few words, for a summary table.</summary>
    public string ShortClaim { get; init; } = "";

    /// <summary>
    /// The case that decides the verdict with its numbers: for "reproduced" the supporting case with the least margin, for
    /// "not reproduced" the strongest contradicting case, for "inconclusive" the case that breaks the rule; with how many
    /// cases support it. The reason when nothing was measured.
    /// </summary>
    public string Deciding { get; init; } = "";

    /// <summary>What the deciding case rests on (models, pairs, examples); empty when nothing was measured.</summary>
    public string Basis { get; init; } = "";

    /// <summary>The deciding case's condition label ("attack/target/norm") or, for finding 4, its attack; null when none.</summary>
    public string? Subject { get; init; }
}
