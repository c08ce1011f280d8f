using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Clever;
using RobustnessSpecs.Attacks;
using Xunit;
using Xunit.Abstractions;

namespace RobustnessSpecs.Clever;

/// <summary>
/// On the linear model z = W x + b the gradient of g = z_y - z_j is the constant w_y - w_j, so every batch maximum is its
/// dual norm, the fit is degenerate (<see cref="ReverseWeibull.DegenerateSpread"/>) and L is exact. Then g(x0) / L is the
/// exact distance to the hyperplane z_y = z_j without the box, and the untargeted score is
/// min over j of m_j / ||w_y - w_j||_dual. Clipping the samples to [0, 1] moves the points but not the constant gradient.
/// </summary>
public sealed class CleverLinearSpecs(LinearFixture fixture, ITestOutputHelper output) : IClassFixture<LinearFixture>
{
    /// <summary>
    /// 1 %: the only differences from the exact double value are float32 logits (relative error about 1e-6 of |z|, small against
    /// margins of order 1) and float32 gradients (relative 1e-7), orders of magnitude below 1 %.
    /// </summary>
    private const double Tolerance = 0.01;

    [Theory]
    [InlineData(Norm.L2, 5.0)]
    [InlineData(Norm.Linf, 1.0)]
    [InlineData(Norm.L1, 500.0)]
    public void Untargeted_clever_is_the_exact_distance_to_the_nearest_decision_boundary_for_every_correct_image(Norm norm, double radius)
    {
        // Radii far above the exact distances (measured means: L2 0.60, L-inf 0.032, L1 3.9), so no score is capped.
        var result = CleverEstimator.Run(fixture.Model.Classifier, fixture.Data,
            new CleverOptions(norm, TargetMode.Untargeted, Samples: 64, Batches: 10, Radius: radius));
        var oracle = fixture.Oracle;
        double worst = 0;
        int scored = 0;
        foreach (var e in result.Examples)
        {
            var z = oracle.Logits(fixture.Data.Pixels(e.Index));
            if (z.Select((v, k) => (v, k)).MaxBy(p => p.v).k != e.Label)
            {
                e.Score.Should().BeNull($"image {e.Index} is misclassified and not scored");
                continue;
            }
            double exact = Enumerable.Range(0, 10).Where(j => j != e.Label).Min(j => (z[e.Label] - z[j]) / DualNorm(norm, e.Label, j));
            e.Score.Should().NotBeNull($"image {e.Index} is classified correctly");
            e.Capped.Should().BeFalse($"radius {radius} is above image {e.Index}'s exact distance {exact}");
            e.KsPValue.Should().BeNull("a constant gradient gives equal maxima and no fit");
            double gap = Math.Abs(e.Score!.Value - exact) / exact;
            gap.Should().BeLessThan(Tolerance, $"image {e.Index}: CLEVER {e.Score} against the exact {norm} distance {exact}");
            worst = Math.Max(worst, gap);
            scored++;
        }
        scored.Should().Be(result.Scored).And.BeGreaterThan(80);
        output.WriteLine($"{norm}: {scored} images, largest relative gap {worst:E2}, mean score {result.MeanScore:G4}, {result.Seconds:F1} s");
    }

    /// <summary>||w_y - w_j|| in the dual norm of <paramref name="norm"/>: L2 -> L2, L-inf -> L1, L1 -> L-inf.</summary>
    private double DualNorm(Norm norm, long y, int j)
    {
        var w = fixture.Model.Weights;
        var a = Enumerable.Range(0, 784).Select(i => w[y * 784 + i] - w[j * 784 + i]).ToArray();
        return norm switch
        {
            Norm.L2 => Math.Sqrt(a.Sum(v => v * v)),
            Norm.Linf => a.Sum(Math.Abs),
            _ => a.Max(Math.Abs),
        };
    }
}
