using RobustnessGate.Attacks;
using RobustnessGate.Attacks.Definitions;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;
using RobustnessGate.Reporting;
using RobustnessGate.Runtime;

namespace RobustnessGate.Cli.Commands;

/// <summary>robustness-gate evaluate: one attack on one model, summary on screen, result.json on disk.</summary>
internal static class EvaluateCommand
{
    public static string Help => """
        robustness-gate evaluate --attack <name> [--preset strong|paper] [attack options] [--model <file.pt | built-in>]
                                 [--images <x.npy | idx | folder | mnist-test>] [--labels <y.npy | idx>] [--image-size S] [--channels auto|rgb|grey]
                                 [--target untargeted|random|least-likely|top2] [--count N] [--seed S] [--batch-size B] [--threads T] [--mean m1,m2,.. --std s1,s2,..]
                                 [--allow-probabilities] [--out <dir>] [--quiet]

          --model     built-in model name (default lenet) or a TorchScript file exported from PyTorch (torch.jit.save)
        """ + "\n" + DataArguments.Help + "\n" + """
          --attack    one of the attacks below
          --preset    strong (default): the settings measured to come closest to the exact minimal distortion;
                      paper: Su et al.'s reference settings exactly. Options given explicitly override the preset.
          --out       folder for result.json (default results/<model>-<attack>-<target>)

        attacks and their options (defaults per preset):
        """ + "\n" + Indent(AttackDocumentation.CommandLine(KnownAttacks.All)) +
        "(full budgets take time: C&W about 1 s and EAD about 0.5 s per image on the built-in LeNet with 2 cores)\n";

    public static int Run(CommandLine cl)
    {
        var modelSpec = cl.String("model") ?? KnownModels.LeNet.Name;
        var dataArgs = DataArguments.Read(cl);
        var attackName = cl.Required("attack", "one of " + string.Join(", ", KnownAttacks.All.Select(a => a.Name)));
        var preset = AttackOptionsFromCommandLine.Preset(cl.String("preset"));
        var target = Target(cl.String("target"));
        var options = new EvaluationOptions(
            target,
            cl.Int("count", 1),
            cl.Long("seed") ?? 1215,
            cl.Int("batch-size", 1) ?? 100,
            cl.Flag("allow-probabilities"),
            cl.Int("threads", 1) ?? Runtime.TorchRuntime.DefaultThreads);
        var normalization = NormalizationArguments.Read(cl, dataArgs);
        var outDir = cl.String("out");
        bool quiet = cl.Flag("quiet");
        var attack = AttackOptionsFromCommandLine.Configure(attackName, preset, cl.Remaining()).Create();
        if (outDir is not null)
            CheckOutputFolder(outDir);

        var data = dataArgs.Load();
        using var model = ModelLoader.Load(modelSpec, normalization.For(data));
        outDir ??= Path.Combine("results", $"{Path.GetFileNameWithoutExtension(model.Name)}-{attack.Name}-{TargetNames.Name(target)}");
        CheckOutputFolder(outDir);

        var bar = new ConsoleProgress(quiet);
        var progress = new SynchronousProgress<EvaluationProgress>(p =>
            bar.Report(attack.Name, p.Fraction, $"{p.Attacked}/{p.ToAttack} images  {p.Stage}"));
        var result = Evaluator.Run(model, data, attack, options, progress);
        bar.Done();

        var path = Path.Combine(outDir, "result.json");
        ResultJson.Write(path, result);
        Console.Write(SummaryText.Format(result));
        Console.WriteLine($"result       {path}");
        return 0;
    }

    internal static TargetMode Target(string? text)
    {
        try
        {
            return TargetNames.Parse(text ?? "untargeted");
        }
        catch (ArgumentException)
        {
            throw new UsageException($"option --target: expected one of {string.Join(", ", TargetNames.All)}, found '{text}'");
        }
    }

    /// <summary>Fails before any work when the output folder cannot be a folder: it, or a folder above it, is a file.</summary>
    internal static void CheckOutputFolder(string outDir)
    {
        for (var dir = Path.GetFullPath(outDir); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir))
            {
                throw new IOException(dir == Path.GetFullPath(outDir)
                    ? $"{dir}: field --out: expected a folder for result.json, found a file"
                    : $"{dir}: field --out ({outDir}): expected a folder for result.json, found a file at {dir}");
            }
        }
    }

    private static string Indent(string text) => string.Concat(text.Split('\n').Select(l => l.Length == 0 ? "" : "  " + l + "\n"));
}
