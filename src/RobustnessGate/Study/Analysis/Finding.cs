namespace RobustnessGate.Study.Analysis;

/// <summary>One of Su et al.'s four findings, judged on this study's own measurements.</summary>
/// <param name="Number">1 to 4, in the paper's order.</param>
/// <param name="Claim">The finding in one sentence.</param>
/// <param name="Verdict">Reproduced, not reproduced, inconclusive or not measured.</param>
/// <param name="Evidence">The numbers behind the verdict, on one line.</param>
/// <param name="Rule">The rule that turned those numbers into the verdict.</param>
public sealed record Finding(int Number, string Claim, FindingVerdict Verdict, string Evidence, string Rule);
