using FluentAssertions;
using RobustnessGate.Metrics;
using Xunit;
using static TorchSharp.torch;

namespace RobustnessSpecs.Metrics;

public sealed class NormsTests
{
    [Fact]
    public void Norms_of_a_hand_computed_vector()
    {
        // delta = (3, -4, 0, 1e-6, 0.5): L0 counts |d| > 1e-5 -> 3; L1 = 7.500001; L2 = sqrt(9 + 16 + 1e-12 + 0.25) = sqrt(25.25); Linf = 4.
        var d = Norms.Of([3, -4, 0, 1e-6, 0.5]);
        d.L0.Should().Be(3);
        d.L1.Should().BeApproximately(7.500001, 1e-12);
        d.L2.Should().BeApproximately(Math.Sqrt(25.25), 1e-12);
        d.Linf.Should().Be(4);
    }

    [Fact]
    public void Tensor_norms_are_per_example_and_match_the_scalar_version()
    {
        // Values exactly representable in float32, so float64 sums are exact.
        var x = tensor(new float[] { 0, 0, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f }, new long[] { 2, 1, 2, 2 });
        var a = tensor(new float[] { 0.75f, 0, 0, 0.25f, 0.5f, 0.5f, 0.5f, 0 }, new long[] { 2, 1, 2, 2 });
        var n = Norms.Of(x, a);
        n[0].Should().Be(Norms.Of([0.75, 0, 0, 0.25]));
        n[1].Should().Be(Norms.Of([0, 0, 0, -0.5]));
        n[1].Should().Be(new Distortion(1, 0.5, 0.5, 0.5));
    }

    [Fact]
    public void Summary_uses_the_population_std_and_the_middle_median()
    {
        // 1, 2, 3, 4: mean 2.5; population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25; median (2 + 3) / 2.
        var s = Summary.Of([4.0, 1, 3, 2]);
        s.Mean.Should().Be(2.5);
        s.Std.Should().BeApproximately(Math.Sqrt(1.25), 1e-15);
        s.Median.Should().Be(2.5);
        Summary.Of([]).Should().Be(new Summary(null, null, null));
    }
}
