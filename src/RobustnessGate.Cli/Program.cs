using RobustnessGate.Attacks;
using RobustnessGate.Attacks.Definitions;
using RobustnessGate.Cli.Commands;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;
using RobustnessGate.Study;

namespace RobustnessGate.Cli;

internal static class Cli
{
    private const string Usage = """
        robustness-gate: adversarial robustness measurement and CI gating for image classifiers (TorchSharp)

        commands:
          evaluate   run one attack on one model and write result.json
          transfer   transferability matrix of one attack across several models (transfer.json, transfer.csv)
          clever     CLEVER scores (Weng et al.): attack-free robustness estimates of one model, result.json
          train-zoo  rebuild the weights of every built-in model (or some) bit for bit
          train      rebuild one built-in model's weights bit for bit
          study      run the whole study (zoo or your models x paper attacks x targets), resumable, with its report
          report     write the study report (Markdown, HTML, plots) from study.json
          bench      attack cost per iteration against the forward+backward floor; paper-budget wall times and memory
          gate       run the robustness gate of a thresholds file (exit 3 when a check fails or is inconclusive)
          approve    show received-versus-approved gate snapshots and accept them
          models     list the built-in models
          attacks    list the attacks, their presets and options (--markdown: the README table)
          help <command>

        exit codes: 0 success, 1 failure (bad file, model or run), 2 wrong usage, 3 the gate failed (gate command)
        """;

    public static int Main(string[] args)
    {
        Runtime.TorchRuntime.PreferPassiveWaiting();
        return Run(args);
    }

    private static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            Console.WriteLine(args.Length > 1 ? HelpFor(args[1]) : Usage);
            return 0;
        }
        try
        {
            if (args[0] == "study" && args.Length > 1 && args[1] == "merge")
            {
                var folders = args.Skip(2).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
                var rest = new CommandLine(args.Skip(2 + folders.Count).ToList());
                if (rest.Has("help"))
                {
                    Console.WriteLine(StudyCommand.Help);
                    return 0;
                }
                return StudyShardCommands.Merge(folders, rest);
            }
            var cl = new CommandLine(args.Skip(1).ToList());
            if (cl.Has("help"))
            {
                Console.WriteLine(HelpFor(args[0]));
                return 0;
            }
            return args[0] switch
            {
                "evaluate" => EvaluateCommand.Run(cl),
                "transfer" => TransferCommand.Run(cl),
                "clever" => CleverCommand.Run(cl),
                "train" => TrainCommand.Run(cl),
                "train-zoo" => TrainZooCommand.Run(cl),
                "report" => ReportCommand.Run(cl),
                "study" => StudyCommand.Run(cl),
                "models" => ListModels(cl),
                "attacks" => ListAttacks(cl),
                "bench" => BenchCommand.Run(cl),
                "gate" => GateCommand.Run(cl),
                "approve" => ApproveCommand.Run(cl),
                _ => throw new UsageException($"unknown command '{args[0]}'; expected one of evaluate, transfer, clever, train-zoo, train, study, report, bench, gate, approve, models, attacks, help"),
            };
        }
        catch (Exception e) when (e is UsageException or AttackOptionException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine($"run 'robustness-gate help {args[0]}' for usage");
            return 2;
        }
        catch (Exception e) when (e is DataFormatException or StudyFormatException or FileNotFoundException or InvalidDataException or ModelContractException or IOException
            or Gate.ThresholdFileException or Gate.GateConfigurationException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static string HelpFor(string command) => command switch
    {
        "evaluate" => EvaluateCommand.Help,
        "transfer" => TransferCommand.Help,
        "clever" => CleverCommand.Help,
        "train" => TrainCommand.Help,
        "train-zoo" => TrainZooCommand.Help,
        "report" => ReportCommand.Help,
        "study" => StudyCommand.Help,
        "bench" => BenchCommand.Help,
        "gate" => GateCommand.Help,
        "approve" => ApproveCommand.Help,
        _ => Usage,
    };

    private static int ListModels(CommandLine cl)
    {
        cl.EnsureEmpty("models");
        var manifest = ModelManifest.Read(ModelLoader.ModelsDirectory);
        Console.WriteLine($"{"name",-15} {"family",-10} {"depth",5} {"width",5} {"params",8} {"test acc",8}  {"series",-16} description");
        foreach (var m in KnownModels.All)
        {
            var e = manifest.Models.FirstOrDefault(x => x.Name == m.Name);
            // Older manifests lack depth, width and series; the catalogue has them.
            var depth = e?.Depth ?? m.Depth;
            var width = e?.Width ?? m.Width;
            var series = e?.Series ?? m.Series;
            var parameters = e is null ? "-" : e.Parameters.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var accuracy = e is null ? "untrained" : System.FormattableString.Invariant($"{100 * e.TestAccuracy:F2} %");
            Console.WriteLine(System.FormattableString.Invariant(
                $"{m.Name,-15} {m.Family,-10} {depth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",5} {width?.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture) ?? "-",5} {parameters,8} {accuracy,8}  {series ?? "-",-16} {m.Description}"));
        }
        return 0;
    }

    private static int ListAttacks(CommandLine cl)
    {
        bool markdown = cl.Flag("markdown");
        cl.EnsureEmpty("attacks");
        Console.Write(markdown ? AttackDocumentation.Markdown(KnownAttacks.All) : AttackDocumentation.CommandLine(KnownAttacks.All));
        return 0;
    }
}
