namespace RobustnessGate.Gate;

/// <summary>Where a check's model sits against its approved Pareto frontier.</summary>
/// <param name="File">The frontier file.</param>
/// <param name="Norm">The robustness axis.</param>
/// <param name="Accuracy">The model's clean accuracy on the frontier's accuracy set.</param>
/// <param name="Robustness">The model's mean distortion in that norm.</param>
/// <param name="FrontierRobustness">The frontier's robustness at that accuracy (null beyond the most accurate member).</param>
/// <param name="Gap">Robustness - frontier robustness (negative: behind).</param>
/// <param name="RelativeGap">Gap / frontier robustness.</param>
/// <param name="Position">"on", "beyond" or "behind".</param>
/// <param name="Between">The frontier members the model is compared between.</param>
/// <param name="Tolerance">Largest relative gap behind the frontier that passes.</param>
/// <param name="Verdict">Pass, fail or inconclusive.</param>
/// <param name="Reason">One sentence for people.</param>
public sealed record FrontierOutcome(string File, string Norm, double? Accuracy, double? Robustness, double? FrontierRobustness, double? Gap,
    double? RelativeGap, string Position, IReadOnlyList<string> Between, double Tolerance, Verdict Verdict, string Reason);
