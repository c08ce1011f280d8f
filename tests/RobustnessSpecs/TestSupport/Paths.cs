namespace RobustnessSpecs.TestSupport;

/// <summary>Locations inside the repository, found by walking up from the test binary.</summary>
public static class Paths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string TorchScriptFixtures => Path.Combine(RepositoryRoot, "tests", "RobustnessSpecs", "Fixtures", "torchscript");

    public static string Thresholds => Path.Combine(RepositoryRoot, "thresholds");

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "robustness-specs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RobustnessGate.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("repository root (RobustnessGate.sln) not found above " + AppContext.BaseDirectory);
    }
}
