using RobustnessGate.Attacks;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Transferability;

namespace RobustnessGate.Cli.Commands;

/// <summary>robustness-gate transfer: the transferability matrix of one attack across several models (Su et al. section 7).</summary>
internal static class TransferCommand
{
    public static string Help => """
        robustness-gate transfer --models <a.pt,b.pt,... | built-in names> --attack <name> [--preset strong|paper] [attack options]
                                 [--images <x.npy | idx | folder | mnist-test>] [--labels <y.npy | idx>] [--image-size S] [--channels auto|rgb|grey] [--target untargeted|random|least-likely|top2]
                                 [--count N] [--seed S] [--batch-size B] [--threads T] [--allow-probabilities] [--mean m1,.. --std s1,..] [--quiet] --out <dir>

          --models    at least 2 comma-separated models: built-in names or TorchScript files, with distinct names
          --attack    the attack run on each model (the source); its successful examples are tried on every other model
          --target    the source's target mode; targeted cells also report the top-5 matching rate
          --out       folder for transfer.json and transfer.csv (one row per ordered pair source != target)
          --mean/--std one normalisation applied inside every model's wrapper, as in evaluate

        A cell counts the source's successful examples whose clean image the target classifies correctly; untargeted
        success: the target's top-1 differs from the label; targeted: it is the source's target class.

        attacks and their options (defaults per preset): see 'robustness-gate help evaluate'
        """;

    public static int Run(CommandLine cl)
    {
        var modelsText = cl.Required("models", "comma-separated built-in names or TorchScript files");
        var dataArgs = DataArguments.Read(cl);
        var attackName = cl.Required("attack", "one of " + string.Join(", ", KnownAttacks.All.Select(a => a.Name)));
        var preset = AttackOptionsFromCommandLine.Preset(cl.String("preset"));
        var options = new TransferOptions(
            EvaluateCommand.Target(cl.String("target")),
            cl.Int("count", 1),
            cl.Long("seed") ?? 1215,
            cl.Int("batch-size", 1) ?? 100,
            cl.Flag("allow-probabilities"),
            cl.Int("threads", 1) ?? TorchRuntime.DefaultThreads);
        var normalization = NormalizationArguments.Read(cl, dataArgs);
        var outDir = cl.Required("out", "folder for transfer.json and transfer.csv");
        bool quiet = cl.Flag("quiet");
        var specs = modelsText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (specs.Length < 2)
            throw new UsageException($"option --models: expected at least 2 comma-separated models, found {specs.Length} ('{modelsText}')");
        var settings = AttackOptionsFromCommandLine.Configure(attackName, preset, cl.Remaining());
        EvaluateCommand.CheckOutputFolder(outDir);

        var data = dataArgs.Load();
        var normalizer = normalization.For(data);
        var models = new List<IClassifier>();
        try
        {
            foreach (var spec in specs)
                models.Add(ModelLoader.Load(spec, normalizer));
            var duplicate = models.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                throw new UsageException($"option --models: expected distinct model names, found '{duplicate.Key}' {duplicate.Count()} times ('{modelsText}')");

            var bar = new ConsoleProgress(quiet);
            var progress = new SynchronousProgress<(string Source, Evaluation.EvaluationProgress Progress)>(p =>
                bar.Report(p.Source, p.Progress.Fraction, $"{settings.Name} on source {p.Source}: {p.Progress.Attacked}/{p.Progress.ToAttack} images  {p.Progress.Stage}"));
            var matrix = TransferEngine.Run(models, data, settings, options, progress);
            bar.Done();

            var path = TransferMatrixFiles.Write(outDir, matrix);
            Console.WriteLine($"{"source",-16} {"target",-16} {"counted",7} {"succeeded",9} {"rate",8} {"top-5",8}");
            foreach (var c in matrix.Cells)
            {
                Console.WriteLine(System.FormattableString.Invariant(
                    $"{c.Source,-16} {c.Target,-16} {c.Counted,7} {c.Succeeded,9} {Percent(c.SuccessRate),8} {Percent(c.Top5Rate),8}"));
            }
            Console.WriteLine($"result       {path}");
            Console.WriteLine($"table        {Path.Combine(outDir, TransferMatrixFiles.CsvName)}");
            return 0;
        }
        finally
        {
            foreach (var m in models)
                m.Dispose();
        }
    }

    private static string Percent(double? rate) => rate is { } r ? System.FormattableString.Invariant($"{100 * r:F1} %") : "-";
}
