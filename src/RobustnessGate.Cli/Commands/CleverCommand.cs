using System.Globalization;
using RobustnessGate.Attacks;
using RobustnessGate.Clever;
using RobustnessGate.Models;
using RobustnessGate.Runtime;

namespace RobustnessGate.Cli.Commands;

/// <summary>robustness-gate clever: CLEVER scores (Weng et al., ICLR 2018) of one model over one data set, result.json on disk.</summary>
internal static class CleverCommand
{
    public static string Help => $"""
        robustness-gate clever [--model <file.pt | built-in>] [--images <x.npy | idx | folder | mnist-test>] [--labels <y.npy | idx>] [--image-size S] [--channels auto|rgb|grey]
                               [--norm l2|linf|l1] [--target untargeted|random|least-likely|top2] [--samples N_s] [--batches N_b]
                               [--radius R] [--count N] [--seed S] [--batch-size B] [--threads T] [--mean m1,.. --std s1,..] [--out <dir>] [--quiet]

          CLEVER (Weng et al., ICLR 2018): an attack-free estimate of a lower bound of the minimal adversarial distortion,
          min(g(x0) / L, R) with g = z_label - z_target and L a reverse-Weibull fit of sampled gradient norms in the ball of
          radius R (dual norm: l2 -> l2, linf -> l1, l1 -> linf). Untargeted: the minimum over all other classes.
          --samples     N_s, points per batch (default {CleverOptions.DefaultSamples}, Weng et al. and Su et al.)
          --batches     N_b, batch maxima fitted (default {CleverOptions.DefaultBatches}, Weng et al. and Su et al.)
          --radius      R, sampling radius and cap of the score (default l2 {Invariant(CleverOptions.DefaultRadius(Norm.L2))}, linf {Invariant(CleverOptions.DefaultRadius(Norm.Linf))}, l1 {Invariant(CleverOptions.DefaultRadius(Norm.L1))})
          --batch-size  points per forward+backward pass (default 1024); images go one at a time
          --count       the first N images (default 100)
          --out         folder for result.json (default results/<model>-clever-<norm>-<target>)
          --mean/--std  normalisation applied inside the model wrapper, as in evaluate (the ball stays in [0, 1] pixels)
        cost: N_s x N_b gradients per image and class (untargeted: 9 classes on MNIST), minutes per image at the defaults on 2 cores
        """;

    public static int Run(CommandLine cl)
    {
        var modelSpec = cl.String("model") ?? KnownModels.LeNet.Name;
        var dataArgs = DataArguments.Read(cl);
        var norm = ParseNorm(cl.String("norm"));
        var targetText = cl.String("target");
        TargetMode target;
        try
        {
            target = TargetNames.Parse(targetText ?? "untargeted");
        }
        catch (ArgumentException)
        {
            throw new UsageException($"option --target: expected one of {string.Join(", ", TargetNames.All)}, found '{targetText}'");
        }
        var samples = cl.Int("samples", 1) ?? CleverOptions.DefaultSamples;
        var batches = cl.Int("batches", 2) ?? CleverOptions.DefaultBatches;
        var radius = Radius(cl.String("radius"));
        var options = new CleverOptions(norm, target, samples, batches, radius, cl.Int("count", 1) ?? 100, cl.Long("seed") ?? 1215,
            cl.Int("batch-size", 1) ?? 1024, cl.Int("threads", 1) ?? TorchRuntime.DefaultThreads);
        var normalization = NormalizationArguments.Read(cl, dataArgs);
        var outDir = cl.String("out");
        bool quiet = cl.Flag("quiet");
        cl.EnsureEmpty("clever");

        var data = dataArgs.Load();
        using var model = ModelLoader.Load(modelSpec, normalization.For(data));
        outDir ??= Path.Combine("results", $"{Path.GetFileNameWithoutExtension(model.Name)}-clever-{CleverEstimator.NormName(norm)}-{TargetNames.Name(target)}");
        if (File.Exists(outDir))
            throw new IOException($"{Path.GetFullPath(outDir)}: field --out: expected a folder for result.json, found a file");

        var bar = new ConsoleProgress(quiet);
        int total = Math.Min(options.Count ?? data.Count, data.Count);
        var result = CleverEstimator.Run(model, data, options, new SynchronousProgress<int>(done =>
            bar.Report("clever", total == 0 ? 1 : (double)done / total, $"{done}/{total} images")));
        bar.Done();

        var path = Path.Combine(outDir, "result.json");
        CleverJson.Write(path, result);
        Console.WriteLine(Invariant($"CLEVER {result.Parameters.Norm} {result.Parameters.Target}: mean score {result.MeanScore?.ToString("G4", CultureInfo.InvariantCulture) ?? "-"} over {result.Scored} images (radius {result.Parameters.Radius})"));
        Console.WriteLine(Invariant($"gradients    {result.GradientEvaluations} in {result.Seconds:F1} s ({result.GradientEvaluations / Math.Max(result.Seconds, 1e-9):F0} per second)"));
        Console.WriteLine($"result       {path}");
        return 0;
    }

    private static Norm ParseNorm(string? text) => text?.ToLowerInvariant() switch
    {
        null or "l2" => Norm.L2,
        "linf" => Norm.Linf,
        "l1" => Norm.L1,
        _ => throw new UsageException($"option --norm: expected one of l2, linf, l1, found '{text}'"),
    };

    private static double? Radius(string? text)
    {
        if (text is null)
            return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) || !(r > 0) || !double.IsFinite(r))
            throw new UsageException($"option --radius: expected a finite number > 0, found '{text}'");
        return r;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(double v) => v.ToString(CultureInfo.InvariantCulture);
}
