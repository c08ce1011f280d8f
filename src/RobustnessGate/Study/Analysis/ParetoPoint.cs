namespace RobustnessGate.Study.Analysis;

/// <summary>A model in the accuracy-robustness plane; both coordinates are "higher is better".</summary>
/// <param name="Model">Model name.</param>
/// <param name="Accuracy">Clean top-1 accuracy in [0, 1].</param>
/// <param name="Robustness">Mean distortion the attack needed (higher = more robust).</param>
public sealed record ParetoPoint(string Model, double Accuracy, double Robustness);
