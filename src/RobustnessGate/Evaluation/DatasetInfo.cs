namespace RobustnessGate.Evaluation;

/// <summary>Data identity.</summary>
/// <param name="Name">Built-in name or file name.</param>
/// <param name="Count">Images evaluated.</param>
/// <param name="Sha256">SHA-256 of the decoded images and labels evaluated.</param>
public sealed record DatasetInfo(string Name, int Count, string Sha256);
