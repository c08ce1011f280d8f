namespace RobustnessSpecs.TestSupport;

/// <summary>Threshold files written for a spec.</summary>
internal static class ThresholdFiles
{
    /// <summary>Writes <paramref name="json"/> as <paramref name="name"/> (folders created) under <paramref name="folder"/>; returns its path.</summary>
    public static string Write(string folder, string json, string name = "gate.json")
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }
}
