using System.Reflection;

namespace RobustnessGate.Xunit;

/// <summary>Where a thresholds file named in <see cref="RobustnessChecksAttribute"/> is.</summary>
public static class ThresholdsLocator
{
    /// <summary>The assembly metadata key under which the package's MSBuild targets record the test project's folder.</summary>
    public const string ProjectDirectoryKey = "RobustnessGate.ProjectDirectory";

    /// <summary>
    /// The full path of <paramref name="written"/>: as it is when absolute; else the first existing file among the test
    /// project's folder (from <paramref name="assembly"/>'s metadata) and the test output folder joined with it.
    /// </summary>
    /// <exception cref="FileNotFoundException">No candidate exists; the message lists the places tried.</exception>
    public static string Resolve(string? written, Assembly? assembly)
    {
        if (string.IsNullOrWhiteSpace(written))
            throw new ArgumentException("[RobustnessChecks]: expected the path of a thresholds file, found an empty string");
        if (Path.IsPathRooted(written))
            return File.Exists(written) ? Path.GetFullPath(written) : throw new FileNotFoundException($"thresholds file {written} not found", written);
        var roots = new List<string>();
        if (assembly?.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == ProjectDirectoryKey)?.Value is { Length: > 0 } project)
            roots.Add(project);
        roots.Add(AppContext.BaseDirectory);
        var tried = roots.Select(r => Path.GetFullPath(Path.Combine(r, written))).ToList();
        return tried.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"thresholds file '{written}' not found; tried {string.Join(" and ", tried)} (list it as <RobustnessThresholds Include=\"{written}\" /> in the test project)", written);
    }
}
