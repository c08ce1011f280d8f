namespace RobustnessGate.Study.Analysis;

/// <summary>One model of a depth or width series.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Size">Its depth (weight layers) or width.</param>
/// <param name="Distortion">Mean distortion (higher = more robust).</param>
/// <param name="StandardError">Standard error of that mean, std / sqrt(succeeded) (null when the std is unknown).</param>
public sealed record SeriesPoint(string Model, double Size, double Distortion, double? StandardError);
