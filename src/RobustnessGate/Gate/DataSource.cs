namespace RobustnessGate.Gate;

/// <summary>Where a check's images come from: a built-in split, or image and label files.</summary>
/// <param name="BuiltIn">Built-in split name (mnist-test, mnist-train), or null.</param>
/// <param name="Images">Image file (absolute path), or null.</param>
/// <param name="Labels">Label file (absolute path), or null.</param>
public sealed record DataSource(string? BuiltIn, string? Images, string? Labels)
{
    /// <summary>A stable text naming the source (to load each source once).</summary>
    public string Key => BuiltIn ?? $"{Images}|{Labels}";
}
