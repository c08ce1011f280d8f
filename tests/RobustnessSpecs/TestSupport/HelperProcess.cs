using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Gate.Caching;
using RobustnessGate.Study.Running;

namespace RobustnessSpecs.TestSupport;

/// <summary>
/// The test assembly's entry point (GenerateProgramFile is off in RobustnessSpecs.csproj), so that a spec can run code
/// of its own in a second process: <c>dotnet exec RobustnessSpecs.dll &lt;command&gt; ...</c>. Test runners never call it.
/// </summary>
internal static class HelperProcess
{
    /// <summary>
    /// <c>cache-writer &lt;folder&gt; &lt;writes&gt; &lt;seconds&gt;</c>: prints "ready", waits for a line on standard input, then
    /// stores <see cref="CacheFixtures.Result"/> (1,000 examples, the given seconds) under its own key that many times.
    /// <c>study &lt;folder&gt;</c>: runs (or resumes) <see cref="Study.KillAndResumeSpecs.Plan"/> on the built-in test digits
    /// in that folder and prints "done".
    /// </summary>
    public static int Main(string[] args)
    {
        try
        {
            if (args is ["cache-writer", var folder, var writes, var seconds])
            {
                var result = CacheFixtures.Result(count: 1000, seconds: double.Parse(seconds, CultureInfo.InvariantCulture));
                var key = CacheKey.Of(result);
                var cache = new ResultCache(folder);
                Console.WriteLine("ready");
                _ = Console.ReadLine();
                for (int i = 0; i < int.Parse(writes, CultureInfo.InvariantCulture); i++)
                    cache.Put(key, result);
                return 0;
            }
            if (args is ["study", var studyFolder])
            {
                StudyRunner.Run(Study.KillAndResumeSpecs.Plan(), BuiltInData.Load(BuiltInData.TestName), studyFolder);
                Console.WriteLine("done");
                return 0;
            }
            Console.Error.WriteLine($"helper process: expected 'cache-writer <folder> <writes> <seconds>' or 'study <folder>', found '{string.Join(' ', args)}'");
            return 2;
        }
        catch (Exception e) when (e is IOException or ArgumentException or FormatException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(e);
            return 1;
        }
    }

    /// <summary>Starts this assembly in a new process with <paramref name="args"/>, standard input and output redirected.</summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(HelperProcess).Assembly.Location);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
    }

    /// <summary>
    /// The dotnet host running this process: DOTNET_HOST_PATH (set by the dotnet CLI for its children), else this process
    /// when it is dotnet itself, else the host of the shared runtime's installation (three folders above
    /// shared/Microsoft.NETCore.App/&lt;version&gt;).
    /// </summary>
    private static string DotnetHost()
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
