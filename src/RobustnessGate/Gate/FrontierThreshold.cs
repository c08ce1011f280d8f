namespace RobustnessGate.Gate;

/// <summary>A frontier check: the model must not fall behind the approved Pareto frontier by more than a relative gap.</summary>
/// <param name="File">The frontier file (absolute path).</param>
/// <param name="Tolerance">Largest relative gap below the frontier that still passes (0.1 = 10 % less distortion than the frontier at the model's accuracy).</param>
public sealed record FrontierThreshold(string File, double Tolerance);
