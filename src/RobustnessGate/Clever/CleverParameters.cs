namespace RobustnessGate.Clever;

/// <summary>The settings a CLEVER result was computed with, as written to result.json.</summary>
/// <param name="Norm">l2, linf or l1.</param>
/// <param name="Target">untargeted, random, least-likely or top2.</param>
/// <param name="Samples">N_s, points per batch.</param>
/// <param name="Batches">N_b, batch maxima fitted.</param>
/// <param name="Radius">R, the sampling radius and the cap of the score.</param>
/// <param name="Seed">The seed.</param>
/// <param name="BatchSize">Points per forward+backward pass.</param>
public sealed record CleverParameters(string Norm, string Target, int Samples, int Batches, double Radius, long Seed, int BatchSize);
