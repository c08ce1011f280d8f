namespace RobustnessGate.Evaluation;

/// <summary>Attack identity.</summary>
/// <param name="Name">Attack name.</param>
/// <param name="Preset">The preset the settings started from: strong, paper, or custom (null in files written before presets).</param>
/// <param name="Parameters">Every effective parameter value.</param>
public sealed record AttackInfo(string Name, string? Preset, IReadOnlyDictionary<string, object> Parameters);
