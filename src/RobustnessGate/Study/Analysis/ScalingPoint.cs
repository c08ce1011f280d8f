namespace RobustnessGate.Study.Analysis;

/// <summary>One model in a scaling-law fit.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Family">Its family.</param>
/// <param name="TopOneError">1 - test accuracy (x axis on a log scale; lower = more accurate).</param>
/// <param name="Distortion">Mean distortion of its successful examples (higher = more robust).</param>
public sealed record ScalingPoint(string Model, string Family, double TopOneError, double Distortion);
