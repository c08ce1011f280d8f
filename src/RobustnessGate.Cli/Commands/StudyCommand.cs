using System.Globalization;
using RobustnessGate.Reporting;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Analysis;
using RobustnessGate.Study.Running;
using RobustnessGate.Study.Sharding;

namespace RobustnessGate.Cli.Commands;

/// <summary>robustness-gate study: the whole study on the zoo (or the user's models), resumable, then the report.</summary>
internal static class StudyCommand
{
    public const string Help = """
        robustness-gate study [--budget quick|paper] [--out <dir>] [--models <a.pt[:Family],b.pt,...>]
                              [--images <x.npy | idx | folder | mnist-test> --labels <y.npy | idx>] [--image-size S] [--channels auto|rgb|grey] [--count N]
                              [--attacks fgsm-sweep,ifgsm,cw,ead] [--targets untargeted,random,least-likely,top2]
                              [--seed S] [--no-transfer] [--no-clever] [--mean m1,m2,.. --std s1,s2,..] [--jobs J] [--quiet]

          Runs every model x attack x target on the first N images (default 100; targets: quick untargeted and
          least-likely, paper all four), the transferability
          matrices of every attack and target (each cell's successful examples replayed on every other model) plus FGSM
          eps 0.3, and untargeted L2 and L-inf CLEVER scores (quick: N_s 32, N_b 10 on 5 images; paper: N_s 1024,
          N_b 500 on all), then writes <out>/study.json and <out>/report/ (report.md,
          report.html, plots/*.png). Default models: the 18-model built-in zoo; --models runs your TorchScript files instead.
          Each cell is written to <out>/cells/ as it finishes: run the same command again after an interruption and it
          continues where it stopped. Default --out: study-<budget>.
          --mean/--std: one normalisation applied inside every model's wrapper, as in evaluate (attacks still see
          [0, 1] pixels); for models that expect normalised inputs.
          --budget quick (default): each attack's strong preset with shortened searches, within 15 minutes on 2 cores;
          --budget paper: each attack's paper preset, Su et al.'s settings exactly (hours).
          --jobs J: run the cells in J worker processes side by side (default: ROBUSTNESSGATE_THREADS, 2 unless set;
          1: one process). The workers take the cells from one queue, largest estimated cost first, and stop when this
          command ends. Each worker keeps the usual thread count, so results and study.json do not depend on J.

        Sharding across machines (see docs/sharding.md):
          --shard k/n        run only shard k of n (a deterministic, cost-balanced 1/n of the cells) into --out
                             (default study-<budget>-shard-k-of-n); it ends with <out>/shard.json, no study.json
          --list-shards n    print how the cells split into n shards (estimated cost per shard) and run nothing
        robustness-gate study merge <shard dir> <shard dir> ... [--out <dir>] [--quiet]
                             check that the shards hold every cell once under matching keys, copy them into --out
                             (default study-merged), write study.json, frontiers and the report as one machine would
        """;

    public static int Run(CommandLine cl)
    {
        var recorded = StudyArguments.Recorded(cl);
        var shardText = cl.String("shard");
        var listShards = cl.Int("list-shards", 1);
        var outOption = cl.String("out");
        bool quiet = cl.Flag("quiet");
        var jobs = cl.Int("jobs", 1) ?? StudyJobs.DefaultJobs;
        if (jobs > StudyJobs.MaxJobs)
            throw new UsageException($"option --jobs: expected a whole number from 1 to {StudyJobs.MaxJobs}, found {jobs}");
        var workerText = cl.String("worker");
        var (k, n) = shardText is null ? (0, 0) : Parse(shardText);
        var (worker, workers) = workerText is null ? (0, 0) : Parse(workerText, "worker");
        var (plan, data, budgetName) = StudyArguments.Read(cl, "study");
        var models = plan.Models;
        var attacks = plan.Attacks;
        var targets = plan.Targets;
        var count = plan.Count;
        if (listShards is { } shards)
            return StudyShardCommands.List(plan, data, shards);
        var outDir = outOption ?? (shardText is null ? $"study-{budgetName}" : $"study-{budgetName}-shard-{k}-of-{n}");
        if (workerText is not null)
            return StudyShardCommands.RunWorker(plan, data, outDir, shardText is null ? (1, 1) : (k, n), (worker, workers));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        double? workerSeconds = null;
        if (jobs > 1)
        {
            if (shardText is not null)
                StudyShards.DiscardManifest(outDir);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"study: {(shardText is null ? $"{plan.CellCount} cells" : $"shard {k}/{n}")} in {jobs} worker processes side by side -> {outDir}"));
            if (StudyJobs.Run(recorded, outDir, jobs, shardText, quiet) is { } code)
                return code;
            workerSeconds = watch.Elapsed.TotalSeconds;
        }
        if (shardText is not null)
            return StudyShardCommands.RunShard(plan, data, outDir, k, n, recorded, quiet);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"study: {models.Count} models x {attacks.Count} attacks x {targets.Count} targets on the first {count} images of {data.Name}, budget {budgetName}, {plan.CellCount} cells -> {outDir}"));
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
            Console.Error.WriteLine("\nstopping after the running step; finished cells are kept, run the same command to continue");
        };
        var bar = new ConsoleProgress(quiet);
        // Resident memory is sampled at every progress report (each batch of each cell) and printed, never stored:
        // study.json stays byte-identical between runs.
        long residentBefore = TorchRuntime.ResidentBytes();
        long residentPeak = residentBefore;
        var progress = new SynchronousProgress<StudyProgress>(p =>
        {
            residentPeak = Math.Max(residentPeak, TorchRuntime.ResidentBytes());
            bar.Report($"cell {Math.Min(p.Done + 1, p.Total)}/{p.Total}", p.Fraction, $"{p.Cell}{(p.Reused > 0 ? $"  ({p.Reused} reused)" : "")}");
        });
        var parts = new Dictionary<string, double>(StringComparer.Ordinal);
        if (workerSeconds is { } w)
            parts["workers"] = w;
        Study.StudyResults study;
        try
        {
            study = StudyRunner.Run(plan, data, outDir, progress, cancel.Token, parts);
        }
        catch (OperationCanceledException)
        {
            bar.Done();
            Console.Error.WriteLine($"interrupted: finished cells are in {Path.Combine(outDir, "cells")}");
            return 130;
        }
        bar.Done();
        var reportWatch = System.Diagnostics.Stopwatch.StartNew();
        var files = StudyReportWriter.Write(study, StudyAnalysis.Of(study), Path.Combine(outDir, "report"));
        parts["report"] = reportWatch.Elapsed.TotalSeconds;
        residentPeak = Math.Max(residentPeak, TorchRuntime.ResidentBytes());
        TorchRuntime.ReleaseFreedMemory();
        long residentAfter = TorchRuntime.ResidentBytes();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"study: done in {watch.Elapsed.TotalSeconds:F0} s; resident memory {Mb(residentBefore):F0} MB before, {Mb(residentPeak):F0} MB peak, {Mb(residentAfter):F0} MB after"));
        Console.WriteLine("study: parts " + string.Join(", ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F1} s"))));
        Console.WriteLine($"study: {Path.Combine(outDir, "study.json")}");
        foreach (var f in files)
            Console.WriteLine($"report: {f}");
        return 0;
    }

    private static (int K, int N) Parse(string text, string option = "shard")
    {
        try
        {
            return ShardAssignment.Parse(text, option);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"option --{e.Message}");
        }
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
