namespace RobustnessGate.Study;

/// <summary>How one attack of the study was configured, so a report says exactly what was run.</summary>
/// <param name="Name">Attack name, as in the cells.</param>
/// <param name="Target">Target mode, as in the cells.</param>
/// <param name="Parameters">Every effective parameter as invariant text (e.g. "steps" -> "50").</param>
public sealed record StudyAttack(string Name, string Target, IReadOnlyDictionary<string, string> Parameters);
