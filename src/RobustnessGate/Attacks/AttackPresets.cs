namespace RobustnessGate.Attacks;

/// <summary>Names of <see cref="AttackPreset"/> values as written on the command line, in files and in results.</summary>
public static class AttackPresets
{
    /// <summary>The preset name of an attack built from options that match no preset.</summary>
    public const string Custom = "custom";

    /// <summary>Every preset name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["strong", "paper"];

    /// <summary>The name of <paramref name="preset"/>.</summary>
    public static string Name(AttackPreset preset) => preset switch
    {
        AttackPreset.Strong => "strong",
        AttackPreset.Paper => "paper",
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "unknown preset"),
    };

    /// <summary>Parses a preset name, or returns null when <paramref name="text"/> names none.</summary>
    public static AttackPreset? TryParse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "strong" => AttackPreset.Strong,
        "paper" => AttackPreset.Paper,
        _ => null,
    };
}
