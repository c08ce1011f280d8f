using System.Diagnostics;
using System.Globalization;
using RobustnessGate.Data;
using RobustnessGate.Reporting;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Analysis;
using RobustnessGate.Study.Running;
using RobustnessGate.Study.Sharding;

namespace RobustnessGate.Cli.Commands;

/// <summary>The sharded study: study --shard k/n, study --list-shards n and study merge.</summary>
internal static class StudyShardCommands
{
    /// <summary>Prints each shard's units and estimated cost; runs nothing.</summary>
    public static int List(StudyPlan plan, ImageSet data, int n)
    {
        var profile = StudyShards.Profile(plan, data);
        var (units, shards) = StudyShards.Assign(plan, profile, n);
        double total = units.Sum(u => u.Cost);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"study: {units.Count} units, estimated cost {total / 1e9:F2} G multiply-adds, {n} shards"));
        foreach (var m in plan.Models)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model {m.Name}: {profile[m.Name].MultiplyAdds} multiply-adds and {profile[m.Name].Layers} layer calls per image"));
        for (int s = 0; s < shards.Count; s++)
        {
            double cost = shards[s].Sum(u => u.Cost);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"shard {s + 1}/{n}: {shards[s].Count} units, {cost / 1e9:F2} G ({100 * cost / total:F1} %)"));
            foreach (var u in shards[s])
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {u.Id} {u.Cost / 1e9:F4} G"));
        }
        return 0;
    }

    /// <summary>Runs shard k of n into <paramref name="outDir"/>.</summary>
    public static int RunShard(StudyPlan plan, ImageSet data, string outDir, int k, int n, IReadOnlyList<string> recorded, bool quiet)
    {
        Console.WriteLine($"study: shard {k}/{n} of {plan.CellCount} cells -> {outDir}");
        var watch = Stopwatch.StartNew();
        ShardManifest manifest;
        using (var run = new Interruptible(quiet))
        {
            try
            {
                manifest = StudyShards.RunShard(plan, data, outDir, k, n, recorded, run.Progress, run.Token);
            }
            catch (OperationCanceledException)
            {
                run.Bar.Done();
                Console.Error.WriteLine($"interrupted: finished cells are in {Path.Combine(outDir, "cells")}; run the same command to continue");
                return 130;
            }
            run.Bar.Done();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"study: shard {k}/{n} done in {watch.Elapsed.TotalSeconds:F0} s: {manifest.Units.Count} units, estimated {manifest.Units.Sum(u => u.Cost) / 1e9:F2} G multiply-adds"));
        Console.WriteLine($"study: {Path.Combine(outDir, ShardManifest.FileName)}");
        return 0;
    }

    /// <summary>
    /// study --worker i/J (started by study --jobs J): takes the units of the machine's share that no other worker has
    /// claimed yet, largest first (<see cref="StudyWorkers"/>), runs them into <paramref name="outDir"/> and prints a line
    /// per finished unit with its place in that queue, which the starting process relays.
    /// </summary>
    public static int RunWorker(StudyPlan plan, ImageSet data, string outDir, (int K, int N) shard, (int I, int J) worker)
    {
        var watch = Stopwatch.StartNew();
        int done = -1;
        long peak = TorchRuntime.ResidentBytes();
        var progress = new SynchronousProgress<StudyProgress>(p =>
        {
            peak = Math.Max(peak, TorchRuntime.ResidentBytes());
            if (p.Done == done || p.Done == 0)
                return;
            done = p.Done;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"worker {worker.I}/{worker.J}: unit {p.Done}/{p.Total} {p.Cell}{(p.Reused > 0 ? $" ({p.Reused} reused)" : "")}, {watch.Elapsed.TotalSeconds:F0} s"));
        });
        using var run = new Interruptible(quiet: true);
        StudyJobs.WatchesParent(() => run.Cancel($"worker {worker.I}/{worker.J}: the process that started it has ended; stopping after the running step"));
        try
        {
            var units = StudyWorkers.Run(plan, data, outDir, shard.K, shard.N, worker.I, worker.J, progress, run.Token);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"worker {worker.I}/{worker.J}: done in {watch.Elapsed.TotalSeconds:F0} s: {units.Count} units, estimated {units.Sum(u => u.Cost) / 1e9:F2} G multiply-adds, resident memory peak {peak / (1024.0 * 1024.0):F0} MB"));
            return 0;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }

    /// <summary>study merge &lt;dir&gt; &lt;dir&gt; ... [--out D] [--quiet].</summary>
    public static int Merge(IReadOnlyList<string> folders, CommandLine cl)
    {
        var outDir = cl.String("out") ?? "study-merged";
        bool quiet = cl.Flag("quiet");
        cl.EnsureEmpty("study merge");
        if (folders.Count == 0)
            throw new UsageException("study merge: expected the folders of every shard, e.g. study merge shard-1 shard-2 shard-3 --out study");
        var first = ShardManifest.Read(folders[0]);
        foreach (var folder in folders.Skip(1))
        {
            var m = ShardManifest.Read(folder);
            if (!m.Arguments.SequenceEqual(first.Arguments))
                throw new InvalidDataException($"{Path.Combine(folder, ShardManifest.FileName)}: arguments: expected [{string.Join(" ", first.Arguments)}] (as {folders[0]}), found [{string.Join(" ", m.Arguments)}]; it is a shard of another study");
        }
        var (plan, data, _) = StudyArguments.Read(new CommandLine(first.Arguments), "study");
        Console.WriteLine($"study merge: {folders.Count} shards of {plan.CellCount} cells -> {outDir}");
        var watch = Stopwatch.StartNew();
        var parts = new Dictionary<string, double>(StringComparer.Ordinal);
        Study.StudyResults study;
        using (var run = new Interruptible(quiet))
        {
            study = StudyShards.Merge(plan, data, folders, outDir, run.Progress, run.Token, parts);
            run.Bar.Done();
        }
        var reportWatch = Stopwatch.StartNew();
        var files = StudyReportWriter.Write(study, StudyAnalysis.Of(study), Path.Combine(outDir, "report"));
        parts["report"] = reportWatch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"study merge: done in {watch.Elapsed.TotalSeconds:F0} s"));
        Console.WriteLine("study merge: parts " + string.Join(", ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F1} s"))));
        Console.WriteLine($"study: {Path.Combine(outDir, "study.json")}");
        foreach (var f in files)
            Console.WriteLine($"report: {f}");
        return 0;
    }

    /// <summary>Ctrl+C cancels between steps; progress goes to a console bar.</summary>
    private sealed class Interruptible : IDisposable
    {
        private readonly CancellationTokenSource _cancel = new();

        public Interruptible(bool quiet)
        {
            Bar = new ConsoleProgress(quiet);
            Progress = new SynchronousProgress<StudyProgress>(p =>
                Bar.Report($"cell {Math.Min(p.Done + 1, p.Total)}/{p.Total}", p.Fraction, $"{p.Cell}{(p.Reused > 0 ? $"  ({p.Reused} reused)" : "")}"));
            Console.CancelKeyPress += OnCancel;
        }

        public ConsoleProgress Bar { get; }

        public IProgress<StudyProgress> Progress { get; }

        public CancellationToken Token => _cancel.Token;

        public void Dispose()
        {
            Console.CancelKeyPress -= OnCancel;
            _cancel.Dispose();
        }

        /// <summary>Stops after the running step, saying why on standard error.</summary>
        public void Cancel(string why)
        {
            Console.Error.WriteLine(why);
            try
            {
                _cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run has ended already.
            }
        }

        private void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            Cancel("\nstopping after the running step; finished cells are kept, run the same command to continue");
        }
    }
}
