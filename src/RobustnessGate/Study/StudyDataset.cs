namespace RobustnessGate.Study;

/// <summary>The images every model of the study was evaluated on.</summary>
/// <param name="Name">Built-in name or file name (e.g. "mnist-test").</param>
/// <param name="Count">Images evaluated per model.</param>
/// <param name="Sha256">SHA-256 of the decoded images and labels (as in result.json).</param>
public sealed record StudyDataset(string Name, int Count, string Sha256);
