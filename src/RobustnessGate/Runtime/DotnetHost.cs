using System.Runtime.InteropServices;

namespace RobustnessGate.Runtime;

/// <summary>The dotnet host that runs this process, for starting another .NET assembly the same way (dotnet exec).</summary>
public static class DotnetHost
{
    /// <summary>
    /// DOTNET_HOST_PATH (set by the dotnet CLI for its children), else this process when it is dotnet itself, else the
    /// host of the shared runtime's installation (three folders above shared/Microsoft.NETCore.App/&lt;version&gt;).
    /// </summary>
    public static string Find()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            return host;
        if (Environment.ProcessPath is { } self && Path.GetFileName(self) == name)
            return self;
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        return Path.Combine(root, name);
    }
}
