using System.Globalization;
using RobustnessGate.Data;
using RobustnessGate.Models;
using RobustnessGate.Training;

namespace RobustnessGate.Cli.Commands;

/// <summary>robustness-gate train: rebuilds a built-in model's weights bit for bit and updates the manifest.</summary>
internal static class TrainCommand
{
    public const string Help = """
        robustness-gate train --model <built-in name> [--out <models folder>] [--epochs N]

          Retrains one built-in model with its recorded settings (seed, epochs, batch size, learning rate, 2 threads) on the
          built-in train split, writes <out>/<name>.bin and updates <out>/manifest.json. With the recorded settings, on a
          machine with the manifest's CPU kernels (field cpuKernels), the weights are identical, bit for bit, to the
          shipped ones; other CPU kernels train other weights (the command says which case it is).
          --out defaults to ./models (run it from the repository root to rebuild the shipped files).
          --epochs overrides the recorded epochs (for experiments; the weights then differ from the shipped ones).
          To rebuild the whole zoo, use 'robustness-gate train-zoo'.
        """;

    public static int Run(CommandLine cl)
    {
        var name = cl.Required("model", "a built-in model name");
        var outDir = cl.String("out") ?? "models";
        var epochs = cl.Int("epochs", 1);
        cl.EnsureEmpty("train");
        if (name == "all")
            throw new UsageException("to rebuild every built-in model, use 'robustness-gate train-zoo'");
        var models = new[] { KnownModels.Find(name) ?? throw new UsageException($"'{name}' is not a built-in model; expected one of {string.Join(", ", KnownModels.All.Select(m => m.Name))}") };
        var train = BuiltInData.Load(BuiltInData.TrainName);
        var test = BuiltInData.Load(BuiltInData.TestName);
        foreach (var model in models)
        {
            var entry = ModelTraining.Train(model, train, test, outDir, epochs, (epoch, loss) =>
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model.Name}: epoch {epoch}, mean loss {loss:F4}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{model.Name}: test accuracy {100 * entry.TestAccuracy:F2} %, {entry.Parameters} parameters, sha256 {entry.Sha256}"));
            Console.WriteLine($"{model.Name}: {entry.Comparison}");
        }
        return 0;
    }
}
