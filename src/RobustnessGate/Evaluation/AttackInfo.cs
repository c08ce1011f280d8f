namespace RobustnessGate.Evaluation;

/// <summary>Attack identity.</summary>
/// <param name="Name">Attack name.</param>
/// <param name="Parameters">Every effective parameter value.</param>
public sealed record AttackInfo(string Name, IReadOnlyDictionary<string, object> Parameters);
