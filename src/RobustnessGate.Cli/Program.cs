using RobustnessGate.Attacks;
using RobustnessGate.Cli.Commands;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;

namespace RobustnessGate.Cli;

internal static class Cli
{
    private const string Usage = """
        robustness-gate: adversarial robustness measurement and CI gating for image classifiers (TorchSharp)

        commands:
          evaluate   run one attack on one model and write result.json
          train      rebuild a built-in model's weights bit for bit
          bench      attack cost per iteration against the forward+backward floor; paper-budget wall times and memory
          models     list the built-in models
          attacks    list the attacks and their options
          help <command>

        exit codes: 0 success, 1 failure (bad file, model or run), 2 wrong usage
        """;

    public static int Main(string[] args) => Run(args);

    private static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            Console.WriteLine(args.Length > 1 ? HelpFor(args[1]) : Usage);
            return 0;
        }
        try
        {
            var cl = new CommandLine(args.Skip(1).ToList());
            if (cl.Has("help"))
            {
                Console.WriteLine(HelpFor(args[0]));
                return 0;
            }
            return args[0] switch
            {
                "evaluate" => EvaluateCommand.Run(cl),
                "train" => TrainCommand.Run(cl),
                "bench" => BenchCommand.Run(cl),
                "models" => ListModels(cl),
                "attacks" => ListAttacks(cl),
                _ => throw new UsageException($"unknown command '{args[0]}'; expected one of evaluate, train, bench, models, attacks, help"),
            };
        }
        catch (Exception e) when (e is UsageException or AttackOptionException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine($"run 'robustness-gate help {args[0]}' for usage");
            return 2;
        }
        catch (Exception e) when (e is DataFormatException or FileNotFoundException or InvalidDataException or ModelContractException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static string HelpFor(string command) => command switch
    {
        "evaluate" => EvaluateCommand.Help,
        "train" => TrainCommand.Help,
        "bench" => BenchCommand.Help,
        _ => Usage,
    };

    private static int ListModels(CommandLine cl)
    {
        cl.EnsureEmpty("models");
        var manifest = ModelManifest.Read(ModelLoader.ModelsDirectory);
        foreach (var m in KnownModels.All)
        {
            var e = manifest.Models.FirstOrDefault(x => x.Name == m.Name);
            var acc = e is null ? "not trained" : $"test accuracy {100 * e.TestAccuracy:F2} %, {e.Parameters} parameters";
            Console.WriteLine(System.FormattableString.Invariant($"{m.Name,-14} {m.Family,-10} {acc}  {m.Description}"));
        }
        return 0;
    }

    private static int ListAttacks(CommandLine cl)
    {
        cl.EnsureEmpty("attacks");
        foreach (var (name, summary) in KnownAttacks.All)
            Console.WriteLine($"{name,-12} {summary}");
        return 0;
    }
}
