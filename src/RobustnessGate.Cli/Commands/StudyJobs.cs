using System.Diagnostics;
using System.Globalization;
using RobustnessGate.Study.Sharding;

namespace RobustnessGate.Cli.Commands;

/// <summary>
/// study --jobs J: the cells of this machine's share run in J worker processes side by side (study --worker i/J, same
/// arguments, same folder; each takes the next unclaimed unit, largest first), then the caller's ordinary run reuses them
/// all. Each worker is this command-line tool started again (dotnet exec on its own assembly), with the environment of
/// this process, so it computes the same keys.
/// </summary>
internal static class StudyJobs
{
    /// <summary>Set in a worker's environment: its standard input is a pipe from the starting process (see <see cref="WatchesParent"/>).</summary>
    public const string ParentPipeVariable = "ROBUSTNESSGATE_WORKER_PIPE";

    /// <summary>
    /// In a worker started by <see cref="Run"/>: cancels <paramref name="cancel"/> once standard input ends, which happens
    /// when the starting process ends however it ends (SIGKILL included), so that no worker outlives it. Watches nothing
    /// in a process not started that way, e.g. study --worker typed by hand.
    /// </summary>
    public static void WatchesParent(Action cancel)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        if (Environment.GetEnvironmentVariable(ParentPipeVariable) != "1" || !Console.IsInputRedirected)
            return;
        var watcher = new Thread(() =>
        {
            try
            {
                while (Console.In.Read() != -1)
                {
                    // Nothing is ever written; anything that is, is ignored.
                }
            }
            catch (IOException)
            {
                // A broken pipe ends the parent's side as surely as end of file.
            }
            cancel();
        })
        { IsBackground = true, Name = "parent watch" };
        watcher.Start();
    }

    /// <summary>The largest --jobs accepted.</summary>
    public const int MaxJobs = 64;

    /// <summary>
    /// The default worker count: the libtorch thread count (ROBUSTNESSGATE_THREADS, 2 unless set), since each worker runs
    /// that many threads and the study's cells are small MNIST-scale batches that use one core each (measured on
    /// densenet-22, C&amp;W quick settings, 100 images: 2 threads in one process 17.2 s against 19.2 s on 1 thread, two 1-thread
    /// processes side by side 19.0 s each).
    /// </summary>
    public static int DefaultJobs => Runtime.TorchRuntime.DefaultThreads;

    /// <summary>Runs the workers and waits for them; returns null when all succeeded, else the exit code for the command.</summary>
    /// <param name="recorded">The study's own arguments (as a shard records them).</param>
    /// <param name="outDir">The folder every worker writes to.</param>
    /// <param name="jobs">Worker count.</param>
    /// <param name="shard">The shard option as given, or null.</param>
    /// <param name="quiet">Do not relay the workers' per-cell lines.</param>
    public static int? Run(IReadOnlyList<string> recorded, string outDir, int jobs, string? shard, bool quiet)
    {
        var watch = Stopwatch.StartNew();
        // The workers claim units in the folder; claims of an earlier, interrupted set of workers would hide units.
        StudyWorkers.ResetClaims(outDir);
        var workers = Enumerable.Range(1, jobs).Select(i => Start(recorded, outDir, i, jobs, shard, quiet)).ToList();
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            // A Ctrl+C in a terminal reaches the workers too (same process group) and each stops after its running step;
            // a cancel that reaches only this process ends them outright (their finished cells are kept either way).
            while (!workers.All(w => w.Process.HasExited))
            {
                if (cancel.IsCancellationRequested)
                {
                    foreach (var w in workers.Where(w => !w.Process.HasExited))
                    {
                        if (!w.Process.WaitForExit(TimeSpan.FromSeconds(10)))
                            w.Process.Kill(entireProcessTree: true);
                    }
                    break;
                }
                Thread.Sleep(100);
            }
            foreach (var w in workers)
                w.Process.WaitForExit();
            if (cancel.IsCancellationRequested || workers.Any(w => w.Process.ExitCode == 130))
            {
                Console.Error.WriteLine($"interrupted: finished cells are in {Path.Combine(outDir, "cells")}; run the same command to continue");
                return 130;
            }
            var failed = workers.Where(w => w.Process.ExitCode != 0).ToList();
            foreach (var w in failed)
            {
                Console.Error.WriteLine($"study: worker {w.Number}/{jobs} failed with exit code {w.Process.ExitCode}; its error output:");
                Console.Error.Write(w.Errors.ToString());
            }
            if (failed.Count > 0)
            {
                Console.Error.WriteLine($"study: finished cells are kept in {Path.Combine(outDir, "cells")}; run the same command to continue");
                return failed.Max(w => w.Process.ExitCode) == 2 ? 2 : 1;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"study: {jobs} workers done in {watch.Elapsed.TotalSeconds:F0} s ({string.Join(", ", workers.Select(w => $"worker {w.Number} {w.Seconds:F0} s"))})"));
            return null;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            bool ended = workers.All(w => w.Process.HasExited);
            foreach (var w in workers)
                w.Process.Dispose();
            if (ended)
                StudyWorkers.ResetClaims(outDir);
        }
    }

    private sealed class Worker(int number, Process process)
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        public int Number => number;

        public Process Process => process;

        public System.Text.StringBuilder Errors { get; } = new();

        public double Seconds { get; private set; }

        public void Exited() => Seconds = _watch.Elapsed.TotalSeconds;
    }

    private static Worker Start(IReadOnlyList<string> recorded, string outDir, int number, int jobs, string? shard, bool quiet)
    {
        var start = new ProcessStartInfo(Runtime.DotnetHost.Find())
        {
            // The worker's standard input stays open, unwritten, for as long as this process lives: when it ends, even
            // killed outright, the pipe closes and the worker stops after its running step (WatchesParent).
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["exec", typeof(StudyJobs).Assembly.Location, "study", .. recorded, "--out", outDir, "--worker", $"{number}/{jobs}"])
            start.ArgumentList.Add(a);
        start.Environment[ParentPipeVariable] = "1";
        if (jobs * Runtime.TorchRuntime.DefaultThreads > Environment.ProcessorCount)
        {
            // More threads than cores: a thread that spins after its parallel region takes the core another worker
            // needs. Measured with two 2-thread processes on 2 cores (densenet-22, quick C&W, 100 images): 23 s each
            // with passive waiting, 54 s with GOMP_SPINCOUNT=10000. Waiting changes speed, never results.
            start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
            start.Environment["GOMP_SPINCOUNT"] = "0";
        }
        if (shard is not null)
        {
            start.ArgumentList.Add("--shard");
            start.ArgumentList.Add(shard);
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new Worker(number, process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && !quiet)
                Console.WriteLine(line);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (worker.Errors)
                    worker.Errors.AppendLine(line);
            }
        };
        process.Exited += (_, _) => worker.Exited();
        if (!process.Start())
            throw new InvalidOperationException($"study: could not start worker {number}/{jobs} ({start.FileName})");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!quiet)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"study: worker {number}/{jobs} is process {process.Id}"));
        return worker;
    }
}
