using FluentAssertions;
using RobustnessGate.Clever;
using Xunit;

namespace RobustnessSpecs.Clever;

public sealed class ReverseWeibullSpecs
{
    [Fact]
    public void The_fit_recovers_the_location_of_500_reverse_weibull_draws_within_2_percent()
    {
        // Draws by inversion of F(x) = exp(-((loc - x) / scale)^c): x = loc - scale (-log u)^(1/c); loc 3, scale 0.5, shape 4.
        // The MLE of the location converges at a rate faster than 1/sqrt(n) for c > 2 (Smith 1985); the nearest draw lies
        // about scale n^(-1/c) = 0.5 x 500^(-1/4) = 0.11 below loc, so 2 % (0.06) is about half that gap.
        var random = new Random(1215);
        var draws = Enumerable.Range(0, 500).Select(_ => 3 - 0.5 * Math.Pow(-Math.Log(1 - random.NextDouble()), 1 / 4.0)).ToArray();
        var fit = ReverseWeibull.Fit(draws);
        fit.Degenerate.Should().BeFalse();
        fit.Location.Should().BeApproximately(3, 0.06);
        fit.Location.Should().BeGreaterThanOrEqualTo(draws.Max(), "the support must hold every maximum");
        fit.KsPValue.Should().BeGreaterThan(0.05, "the draws come from the fitted family");
    }

    [Fact]
    public void Equal_maxima_give_their_value_and_no_p_value()
    {
        var fit = ReverseWeibull.Fit([2.5, 2.5, 2.5 * (1 + 1e-8)]);
        fit.Degenerate.Should().BeTrue();
        fit.Location.Should().Be(2.5 * (1 + 1e-8));
        fit.KsPValue.Should().BeNull();
    }
}
