using System.Globalization;
using System.Text.Json;
using RobustnessGate.Benchmarks;
using RobustnessGate.Data;
using RobustnessGate.Models;
using RobustnessGate.Evaluation;
using RobustnessGate.Persistence;

namespace RobustnessGate.Cli.Commands;

/// <summary>robustness-gate bench: attack cost per iteration against the forward+backward floor, and paper-budget wall times.</summary>
internal static class BenchCommand
{
    public const string Help = """
        robustness-gate bench [--model lenet] [--attacks pgd,cw,ead,ead-after-success,ead-score-10,ifgsm] [--count 100] [--iterations 100]
                              [--rounds 5] [--threads 2] [--full] [--clever] [--out bench.json]

          Times each attack per iteration on a batch of --count test images (one binary step or attempt, no early abort,
          so every iteration does the same work) and divides by the floor: one bare forward+backward of the same model on the
          same batch, timed right before the attack in each of --rounds rounds. The ratio is the median over rounds of
          these paired ratios (robust to slow spells on a shared machine); the times are the fastest round's.
          "ead" keeps c0 = 0.01, where no LeNet example succeeds in the step, so every iterate is scored by a second forward
          pass (EAD's worst case); "ead-after-success" starts at c0 = 10, where only iterates that could become the best are;
          "ead-score-10" is the worst case with --score-every 10, which scores every tenth iterate (not the reference).
          The OpenMP wait policy is printed (and GOMP_SPINCOUNT when set): PASSIVE (the default here) protects shared
          machines; on a dedicated machine GOMP_SPINCOUNT=10000 (a short spin before sleeping) or OMP_WAIT_POLICY=ACTIVE
          makes every pass faster (see README).
          --full   also runs C&W and EAD at the paper budget (9 x 1000, early abort) on --count images through the
                   evaluator and reports wall time, resident memory before / peak / after, the forward+backward
                   ("grad") and forward-only ("score") passes of single images the attack really ran, and the whole
                   run's ratio: wall time / (grad passes x floor per image at batch --count), and the batched
                   forward+backward calls with their mean images per call (how full the batches stayed, unaffected by
                   machine load). Takes minutes.
          --clever also times CLEVER (L2) on the first test image: N_s = --count points per pass, N_b = --iterations
                   batches, targeted (top-2) and untargeted (9 classes), as input gradients per second against the floor
                   (forward+backward on --count points) timed right before; the ratio is the median over --rounds.
          --out    also write the numbers as JSON
        """;

    public static int Run(CommandLine cl)
    {
        var modelSpec = cl.String("model") ?? KnownModels.LeNet.Name;
        var attacks = cl.String("attacks")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var options = new BenchmarkOptions(attacks, cl.Int("count", 1) ?? 100, cl.Int("iterations", 1) ?? 100, cl.Int("rounds", 1) ?? 5, cl.Flag("full"),
            cl.Int("threads", 1) ?? Runtime.TorchRuntime.DefaultThreads);
        var outPath = cl.String("out");
        bool cleverCost = cl.Flag("clever");
        cl.EnsureEmpty("bench");
        using var model = ModelLoader.Load(modelSpec);
        var data = BuiltInData.Load(BuiltInData.TestName);
        var c = CultureInfo.InvariantCulture;

        var spin = Environment.GetEnvironmentVariable("GOMP_SPINCOUNT");
        Console.WriteLine(string.Create(c, $"torch threads {options.Threads}, OpenMP wait policy {Runtime.TorchRuntime.WaitPolicy}{(string.IsNullOrEmpty(spin) ? "" : $", GOMP_SPINCOUNT {spin}")}"));
        var costs = AttackBenchmark.PerIteration(model, data, options, line => Console.Error.WriteLine(line));
        Console.WriteLine(string.Create(c, $"{"attack",-18} {"model",-8} {"batch",5} {"ms/iter",9} {"images/s",10} {"floor ms",9} {"ratio",6}"));
        foreach (var r in costs)
        {
            Console.WriteLine(string.Create(c,
                $"{r.Attack,-18} {r.Model,-8} {r.BatchSize,5} {r.MillisecondsPerIteration,9:F2} {r.ImagesPerSecond,10:F0} {r.FloorMillisecondsPerIteration,9:F2} {r.RatioToFloor,6:F3}"));
        }

        IReadOnlyList<CleverCost> clever = [];
        if (cleverCost)
        {
            clever = CleverBenchmark.Measure(model, data, options);
            Console.WriteLine();
            Console.WriteLine(string.Create(c, $"{"clever",-18} {"model",-8} {"N_s",5} {"N_b",5} {"classes",7} {"grads/s",10} {"floor grads/s",13} {"ratio",6}"));
            foreach (var r in clever)
                Console.WriteLine(string.Create(c, $"{r.Mode,-18} {r.Model,-8} {r.Samples,5} {r.Batches,5} {r.Classes,7} {r.GradientsPerSecond,10:F0} {r.FloorGradientsPerSecond,13:F0} {r.RatioToFloor,6:F3}"));
        }

        IReadOnlyList<FullRun> full = [];
        if (options.FullRuns)
        {
            full = AttackBenchmark.FullRuns(model, data, options.Count, line => Console.Error.WriteLine(line), options.Threads);
            Console.WriteLine();
            Console.WriteLine(string.Create(c, $"{"paper budget",-12} {"images",6} {"seconds",8} {"success",8} {"mean L2",8} {"mean L1",8} {"RSS MB before/peak/after",26} {"grad passes",12} {"score passes",12} {"ratio",6} {"grad calls",10} {"rows/call",9}"));
            foreach (var f in full)
            {
                Console.WriteLine(string.Create(c,
                    $"{f.Attack,-12} {f.Images,6} {f.Seconds,8:F1} {100 * (f.SuccessRate ?? 0),7:F1}% {f.MeanL2,8:F3} {f.MeanL1,8:F2} {Mb(f.ResidentBytesBefore),8:F0} /{Mb(f.ResidentBytesPeak),6:F0} /{Mb(f.ResidentBytesAfter),6:F0} {f.GradientPasses,12:F0} {f.ScoringPasses,12:F0} {f.RatioToFloor,6:F3} {f.GradientCalls,10} {f.MeanRows,9:F1}"));
            }
        }
        if (outPath is not null)
        {
            var json = JsonSerializer.Serialize(new { perIteration = costs, clever, fullRuns = full, threads = options.Threads, waitPolicy = Runtime.TorchRuntime.WaitPolicy }, ResultJson.Options);
            AtomicFile.WriteAllText(outPath, json + "\n");
        }
        return 0;
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
