namespace RobustnessGate.Evaluation;

/// <summary>One point of a success-versus-budget curve.</summary>
/// <param name="Epsilon">Budget.</param>
/// <param name="SuccessRate">Fraction of attacked images with a verified adversarial example at this budget or less.</param>
public sealed record SuccessCurvePoint(double Epsilon, double SuccessRate);
