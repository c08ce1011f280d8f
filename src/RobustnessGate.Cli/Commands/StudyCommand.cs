using System.Globalization;
using RobustnessGate.Reporting;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Analysis;
using RobustnessGate.Study.Running;
using RobustnessGate.Attacks;

namespace RobustnessGate.Cli.Commands;

/// <summary>robustness-gate study: the whole study on the zoo (or the user's models), resumable, then the report.</summary>
internal static class StudyCommand
{
    public const string Help = """
        robustness-gate study [--budget quick|paper] [--out <dir>] [--models <a.pt[:Family],b.pt,...>]
                              [--images <x.npy | idx | folder | mnist-test> --labels <y.npy | idx>] [--image-size S] [--channels auto|rgb|grey] [--count N]
                              [--attacks fgsm-sweep,ifgsm,cw,ead] [--targets untargeted,random,least-likely,top2]
                              [--seed S] [--no-transfer] [--quiet]

          Runs every model x attack x target on the first N images (default: quick 20, paper 100) and FGSM eps 0.3
          transferability between all ordered model pairs, then writes <out>/study.json and <out>/report/ (report.md,
          report.html, plots/*.png). Default models: the 18-model built-in zoo; --models runs your TorchScript files instead.
          Each cell is written to <out>/cells/ as it finishes: run the same command again after an interruption and it
          continues where it stopped. Default --out: study-<budget>.
          --budget quick (default): each attack's strong preset with shortened searches, about 15 minutes on 2 cores;
          --budget paper: each attack's paper preset, Su et al.'s settings exactly (hours).
        """;

    public static int Run(CommandLine cl)
    {
        var budgetName = cl.String("budget") ?? "quick";
        if (!StudyBudgets.Names.Contains(budgetName))
            throw new UsageException($"option --budget: expected one of {string.Join(", ", StudyBudgets.Names)}, found '{budgetName}'");
        var budget = StudyBudgets.Parse(budgetName);
        var outDir = cl.String("out") ?? $"study-{budgetName}";
        var modelSpecs = cl.String("models");
        var dataArgs = DataArguments.Read(cl);
        var count = cl.Int("count", 1) ?? StudyBudgets.Count(budget);
        var seed = cl.Long("seed") ?? 1215;
        var attackFilter = cl.String("attacks");
        var targetFilter = cl.String("targets");
        bool transfer = !cl.Flag("no-transfer");
        bool quiet = cl.Flag("quiet");
        cl.EnsureEmpty("study");

        var attacks = StudyBudgets.Attacks(budget);
        if (attackFilter is not null)
        {
            var wanted = attackFilter.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = wanted.Where(w => attacks.All(a => a.Name != w)).ToList();
            if (unknown.Count > 0)
                throw new UsageException($"--attacks: {string.Join(", ", unknown)} not in the study; expected some of {string.Join(", ", attacks.Select(a => a.Name))}");
            attacks = attacks.Where(a => wanted.Contains(a.Name)).ToList();
        }
        var targets = targetFilter is null ? StudyBudgets.AllTargets
            : targetFilter.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(TargetNames.Parse).ToList();
        var models = modelSpecs is null ? StudyModels.Zoo()
            : StudyModels.FromSpecs(modelSpecs.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        var data = dataArgs.Load();
        var galleryModels = models.GroupBy(m => m.Family).Select(g => g.First().Name).Take(4).ToList();
        var plan = new StudyPlan(
            modelSpecs is null ? "Built-in MNIST-scale zoo of 18 models" : $"{models.Count} user models",
            budgetName, models, attacks, targets, count, seed, transfer ? StudyBudgets.Transfer : null,
            galleryModels, "cw", 3);

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
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Resident memory is sampled at every progress report (each batch of each cell) and printed, never stored:
        // study.json stays byte-identical between runs.
        long residentBefore = TorchRuntime.ResidentBytes();
        long residentPeak = residentBefore;
        var progress = new SynchronousProgress<StudyProgress>(p =>
        {
            residentPeak = Math.Max(residentPeak, TorchRuntime.ResidentBytes());
            bar.Report($"cell {Math.Min(p.Done + 1, p.Total)}/{p.Total}", p.Fraction, $"{p.Cell}{(p.Reused > 0 ? $"  ({p.Reused} reused)" : "")}");
        });
        Study.StudyResults study;
        try
        {
            study = StudyRunner.Run(plan, data, outDir, progress, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            bar.Done();
            Console.Error.WriteLine($"interrupted: finished cells are in {Path.Combine(outDir, "cells")}");
            return 130;
        }
        bar.Done();
        var files = StudyReportWriter.Write(study, StudyAnalysis.Of(study), Path.Combine(outDir, "report"));
        residentPeak = Math.Max(residentPeak, TorchRuntime.ResidentBytes());
        TorchRuntime.ReleaseFreedMemory();
        long residentAfter = TorchRuntime.ResidentBytes();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"study: done in {watch.Elapsed.TotalSeconds:F0} s; resident memory {Mb(residentBefore):F0} MB before, {Mb(residentPeak):F0} MB peak, {Mb(residentAfter):F0} MB after"));
        Console.WriteLine($"study: {Path.Combine(outDir, "study.json")}");
        foreach (var f in files)
            Console.WriteLine($"report: {f}");
        return 0;
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
