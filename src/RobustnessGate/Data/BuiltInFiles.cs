namespace RobustnessGate.Data;

/// <summary>Locates files shipped with the tool: beside the executable first (copied at build), then up from the working folder.</summary>
public static class BuiltInFiles
{
    /// <summary>The NuGet package that carries the built-in models and digits (src/RobustnessGate.Zoo).</summary>
    public const string ZooPackage = "RobustnessGate.Zoo";

    /// <summary>Finds the folder <paramref name="relative"/> that contains <paramref name="marker"/>.</summary>
    public static string Find(string relative, string marker)
    {
        var tried = new List<string>();
        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(Path.Combine(candidate, marker)))
                    return candidate;
                tried.Add(candidate);
                if (tried.Count > 40)
                    break;
            }
        }
        throw new FileNotFoundException($"built-in file '{Path.Combine(relative, marker)}' not found beside the executable or in any parent of the working folder: "
            + $"the built-in models and MNIST digits ship in the NuGet package {ZooPackage}; add <PackageReference Include=\"{ZooPackage}\" /> to the project, or name your own model file and data set instead");
    }
}
