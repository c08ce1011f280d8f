namespace RobustnessGate.Evaluation;

/// <summary>Model identity.</summary>
/// <param name="Name">Built-in name or file name.</param>
/// <param name="Sha256">Fingerprint of weights or file.</param>
public sealed record ModelInfo(string Name, string Sha256);
