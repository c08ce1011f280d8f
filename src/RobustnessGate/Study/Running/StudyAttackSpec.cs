namespace RobustnessGate.Study.Running;

/// <summary>An attack of a study with its options (as on the command line).</summary>
/// <param name="Attack">Attack name.</param>
/// <param name="Options">Options, name without dashes to text.</param>
public sealed record StudyAttackSpec(string Attack, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>Creates a spec from name/value pairs.</summary>
    public static StudyAttackSpec Of(string attack, params (string Name, string Value)[] options) =>
        new(attack, options.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal));
}
