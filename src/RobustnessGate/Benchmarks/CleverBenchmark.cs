using System.Diagnostics;
using RobustnessGate.Attacks;
using RobustnessGate.Clever;
using RobustnessGate.Data;
using RobustnessGate.Metrics;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using static TorchSharp.torch;

namespace RobustnessGate.Benchmarks;

/// <summary>
/// CLEVER's gradient evaluations per second (Weng et al., ICLR 2018: N_s x N_b input gradients per image and class)
/// against the floor: bare forward+backward passes of the same model on a batch of the same size, each giving one
/// gradient per image. Untargeted scores share one forward pass among the 9 classes' backward passes, so they can beat
/// the floor; targeted ones pay the ball sampling and the dual norms on top of it.
/// </summary>
public static class CleverBenchmark
{
    /// <summary>Targeted (top-2, one class) and untargeted (every other class) CLEVER on the first test image.</summary>
    /// <param name="model">The classifier.</param>
    /// <param name="data">Images; the first one is scored.</param>
    /// <param name="options">Count = points per pass (N_s); Iterations = batches (N_b) timed per round; Rounds; Threads.</param>
    public static IReadOnlyList<CleverCost> Measure(IClassifier model, ImageSet data, BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        TorchRuntime.Configure(options.Threads);
        using var scope = NewDisposeScope();
        var x0 = data.ImagesTensor([0]);
        long label = data.Labels[0];
        using var logits = model.Logits(x0);
        int k = (int)logits.shape[1];
        var others = Enumerable.Range(0, k).Where(j => j != label).Select(j => (long)j).ToArray();
        long top2 = others.MaxBy(j => logits[0, j].item<float>());
        var points = x0.expand(options.Count, -1, -1, -1).contiguous();
        var cases = new (string Name, long[] Classes)[] { ("clever-targeted", [top2]), ("clever-untargeted", others) };
        var clever = new CleverOptions(Norm.L2, TargetMode.Untargeted, options.Count, Math.Max(2, options.Iterations), BatchSize: options.Count);
        AttackBenchmark.Floor(model, points, 2);
        CleverEstimator.Lipschitz(model, x0, label, others, clever with { Batches = 2 }, 1);
        var results = new List<CleverCost>();
        foreach (var (name, classes) in cases)
        {
            var ratios = new List<double>();
            double bestRate = 0, bestFloor = 0;
            for (int round = 0; round < options.Rounds; round++)
            {
                // Paired, as in AttackBenchmark: the floor is timed right before, so a slow spell hits both.
                double floorMs = AttackBenchmark.Floor(model, points, clever.Batches);
                var watch = Stopwatch.StartNew();
                CleverEstimator.Lipschitz(model, x0, label, classes, clever, 1215 + round);
                double ms = watch.Elapsed.TotalMilliseconds;
                double rate = (double)options.Count * clever.Batches * classes.Length / (ms / 1000);
                double floorRate = options.Count / (floorMs / 1000);
                ratios.Add(rate / floorRate);
                bestRate = Math.Max(bestRate, rate);
                bestFloor = Math.Max(bestFloor, floorRate);
                TorchRuntime.ReleaseFreedMemory();
            }
            results.Add(new CleverCost(name, model.Name, options.Count, clever.Batches, classes.Length, bestRate, bestFloor,
                Summary.Of(ratios).Median ?? throw new InvalidOperationException("no rounds were timed")));
        }
        return results;
    }
}

/// <summary>CLEVER's gradient throughput against the forward+backward floor.</summary>
/// <param name="Mode">clever-targeted (one class) or clever-untargeted (every other class).</param>
/// <param name="Model">Model name.</param>
/// <param name="Samples">N_s, points per forward pass.</param>
/// <param name="Batches">N_b timed per round.</param>
/// <param name="Classes">Classes whose gradients each point gives.</param>
/// <param name="GradientsPerSecond">Input gradients per second, fastest round; higher is better.</param>
/// <param name="FloorGradientsPerSecond">Bare forward+backward on N_s points: gradients per second, fastest round.</param>
/// <param name="RatioToFloor">Median over rounds of CLEVER gradients per second / floor gradients per second timed just
/// before; above 1 is faster than the floor.</param>
public sealed record CleverCost(string Mode, string Model, int Samples, int Batches, int Classes, double GradientsPerSecond,
    double FloorGradientsPerSecond, double RatioToFloor);
