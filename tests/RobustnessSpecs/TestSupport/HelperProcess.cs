using System.Diagnostics;
using System.Globalization;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Gate.Caching;
using RobustnessGate.Runtime;
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
        var start = new ProcessStartInfo(DotnetHost.Find())
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
}
