namespace RobustnessGate.Gate;

/// <summary>Where the gate keeps its result cache unless told otherwise.</summary>
public static class GateCacheLocation
{
    /// <summary>The environment variable that moves the cache.</summary>
    public const string Variable = "ROBUSTNESSGATE_CACHE";

    /// <summary>
    /// ROBUSTNESSGATE_CACHE when set, else .robustness-cache in the nearest folder above the thresholds file that holds a
    /// .git entry (the repository root), else beside the thresholds file.
    /// </summary>
    public static string Default(string thresholdsFile)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set)
            return Path.GetFullPath(set);
        var start = Path.GetDirectoryName(Path.GetFullPath(thresholdsFile))!;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
                return Path.Combine(dir.FullName, ".robustness-cache");
        }
        return Path.Combine(start, ".robustness-cache");
    }
}
