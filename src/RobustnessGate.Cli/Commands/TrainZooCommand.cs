using System.Diagnostics;
using System.Globalization;
using RobustnessGate.Data;
using RobustnessGate.Models;
using RobustnessGate.Training;

namespace RobustnessGate.Cli.Commands;

/// <summary>robustness-gate train-zoo: rebuilds the weights of the built-in model zoo bit for bit and updates the manifest.</summary>
internal static class TrainZooCommand
{
    public const string Help = """
        robustness-gate train-zoo [--out <models folder>] [--models <name,name,...>]

          Retrains every built-in model (or the listed ones) with its recorded settings (seed 1215, epochs, batch size,
          learning rate, 2 threads) on the built-in train split, writes <out>/<name>.bin and updates <out>/manifest.json.
          With the recorded settings, on a machine with the manifest's CPU kernels (field cpuKernels), the weights are
          identical, bit for bit, to the shipped ones; other CPU kernels train other weights. For each model the
          command prints epochs, test accuracy, parameters, fingerprint, whether the weights are identical to the previous
          manifest entry, training time and file size, then the totals.
          --out defaults to ./models (run it from the repository root to rebuild the shipped files).
          The whole zoo took about 15 minutes on a shared 2-core machine. Where other processes compete for the cores,
          start it with OMP_WAIT_POLICY=PASSIVE in the environment: idle OpenMP threads then sleep instead of spinning,
          which is many times faster under contention and leaves the weights unchanged, bit for bit.
        """;

    public static int Run(CommandLine cl)
    {
        var outDir = cl.String("out") ?? "models";
        var list = cl.String("models");
        cl.EnsureEmpty("train-zoo");
        var models = list is null ? KnownModels.All : Select(list);
        var train = BuiltInData.Load(BuiltInData.TrainName);
        var test = BuiltInData.Load(BuiltInData.TestName);
        var clock = Stopwatch.StartNew();
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        long totalBytes = 0;
        int differing = 0;
        for (int i = 0; i < models.Count; i++)
        {
            var model = models[i];
            var t = model.Training;
            var decay = t.LearningRateDecay < 1 ? Invariant($" (x{t.LearningRateDecay} per epoch)") : "";
            Console.WriteLine(Invariant($"[{i + 1}/{models.Count}] {model.Name}: training {t.Epochs} epoch(s), batch {t.BatchSize}, learning rate {t.LearningRate}{decay}, seed {t.Seed}, {t.Threads} threads"));
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var outcome = ModelTraining.Train(model, train, test, outDir, onEpoch: (epoch, loss) =>
                Console.WriteLine(Invariant($"  epoch {epoch}: mean loss {loss:F4}")));
            // CPU time shows the cost without the wait for cores that other processes hold (wall time includes it).
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            totalBytes += outcome.WeightsBytes;
            if (!outcome.Identical)
                differing++;
            Console.WriteLine(Invariant($"  {model.Name}: epochs {outcome.Entry.Training.Epochs}, test accuracy {100 * outcome.TestAccuracy:F2} %, {outcome.Parameters} parameters, sha256 {outcome.Sha256}"));
            Console.WriteLine(Invariant($"  {model.Name}: {outcome.Comparison}; {outcome.TrainingTime.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU, {outcome.WeightsBytes} bytes"));
        }
        var cpuTotal = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
        Console.WriteLine(Invariant($"trained {models.Count} model(s) in {clock.Elapsed.TotalSeconds:F1} s wall, {cpuTotal.TotalSeconds:F1} s CPU; weights {totalBytes} bytes ({totalBytes / 1e6:F2} MB); {models.Count - differing} identical, {differing} new or different"));
        return 0;
    }

    private static List<BuiltInModel> Select(string list)
    {
        var names = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
            throw new UsageException("option --models: expected comma-separated built-in model names");
        var known = string.Join(", ", KnownModels.All.Select(m => m.Name));
        return names.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(n => KnownModels.Find(n) ?? throw new UsageException($"option --models: '{n}' is not a built-in model; expected names from {known}"))
            .ToList();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
