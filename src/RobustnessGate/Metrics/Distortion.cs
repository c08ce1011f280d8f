namespace RobustnessGate.Metrics;

/// <summary>The four distortion norms of one perturbation x' - x, in [0, 1] pixel units.</summary>
/// <param name="L0">Number of elements (not pixels) whose change exceeds <see cref="Norms.L0Tolerance"/>.</param>
/// <param name="L1">Sum of absolute changes.</param>
/// <param name="L2">Euclidean length.</param>
/// <param name="Linf">Largest absolute change.</param>
public readonly record struct Distortion(double L0, double L1, double L2, double Linf);
