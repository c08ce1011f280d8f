
namespace RobustnessGate.Attacks;

/// <summary>Command-line and file names of target modes.</summary>
public static class TargetNames
{
    /// <summary>The names, in display order.</summary>
    public static IReadOnlyList<string> All { get; } = ["untargeted", "random", "least-likely", "top2"];

    /// <summary>The name of <paramref name="mode"/>.</summary>
    public static string Name(TargetMode mode) => mode switch
    {
        TargetMode.Untargeted => "untargeted",
        TargetMode.Random => "random",
        TargetMode.LeastLikely => "least-likely",
        TargetMode.Top2 => "top2",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown target mode"),
    };

    /// <summary>Parses a name; the error lists the accepted ones.</summary>
    public static TargetMode Parse(string text) => text?.ToLowerInvariant() switch
    {
        "untargeted" => TargetMode.Untargeted,
        "random" => TargetMode.Random,
        "least-likely" or "leastlikely" or "least_likely" or "ll" => TargetMode.LeastLikely,
        "top2" or "top-2" => TargetMode.Top2,
        _ => throw new ArgumentException($"target '{text}' is not one of {string.Join(", ", All)}"),
    };
}
