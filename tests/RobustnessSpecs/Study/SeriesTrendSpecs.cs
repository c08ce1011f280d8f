using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Study.Analysis;
using Xunit;

namespace RobustnessSpecs.Study;

public class SeriesTrendSpecs
{
    [Fact]
    public void A_rise_of_several_standard_errors_means_deeper_is_more_robust()
    {
        // Depth 11 -> 16: 0.100 -> 0.110 with standard errors 0.002: z = 0.01 / sqrt(2 * 0.002^2) = 3.54 >= 2.
        // Slope by hand: x mean 13.333, Sxy = 0.025, Sxx = 12.667, slope = 0.0019737.
        var trend = SeriesTrend.Of("s", "depth", Norm.Linf,
            [new("a", 11, 0.100, 0.002), new("b", 13, 0.105, 0.002), new("c", 16, 0.110, 0.002)]);

        trend.Verdict.Should().Be(TrendVerdict.LargerIsMoreRobust);
        trend.Spearman.Should().Be(1);
        trend.Slope.Should().BeApproximately(0.025 / (38.0 / 3), 1e-12); // Sxx = 12.666... = 38 / 3 exactly
        trend.Reason.Should().Contain("z = 3.54");
    }

    [Fact]
    public void A_rise_within_the_noise_is_inconclusive()
    {
        // 0.100 -> 0.104 with standard errors 0.002: z = 0.004 / 0.002828 = 1.41 < 2.
        var trend = SeriesTrend.Of("s", "depth", Norm.Linf, [new("a", 8, 0.100, 0.002), new("b", 20, 0.104, 0.002)]);

        trend.Verdict.Should().Be(TrendVerdict.Inconclusive);
    }

    [Theory]
    [InlineData(1.03, TrendVerdict.Inconclusive)]          // +3 %: within the 5 % default
    [InlineData(1.10, TrendVerdict.LargerIsMoreRobust)]    // +10 %
    [InlineData(0.90, TrendVerdict.LargerIsLessRobust)]    // -10 %
    public void Without_standard_errors_the_relative_change_decides(double deepest, TrendVerdict expected)
    {
        var trend = SeriesTrend.Of("s", "depth", Norm.Linf, [new("a", 8, 1.0, null), new("b", 14, (1 + deepest) / 2, null), new("c", 20, deepest, null)]);

        trend.Verdict.Should().Be(expected);
    }

    [Fact]
    public void A_high_last_point_cannot_turn_a_falling_series_into_a_rising_one()
    {
        // First -> last +10 %, but ranks (4, 3, 2, 1, 5) against (1..5): sum d^2 = 20, rho = 1 - 120 / 120 = 0.
        var trend = SeriesTrend.Of("s", "depth", Norm.Linf,
            [new("a", 1, 1.0, null), new("b", 2, 0.5, null), new("c", 3, 0.4, null), new("d", 4, 0.3, null), new("e", 5, 1.1, null)]);

        trend.Spearman.Should().BeApproximately(0, 1e-12);
        trend.Verdict.Should().Be(TrendVerdict.Inconclusive);
    }

    [Fact]
    public void A_single_depth_is_inconclusive()
    {
        SeriesTrend.Of("s", "depth", Norm.Linf, [new("a", 8, 1.0, 0.1)]).Verdict.Should().Be(TrendVerdict.Inconclusive);
    }

    [Fact]
    public void Series_of_a_study_are_found_by_name_and_vary_depth_or_width()
    {
        var trends = SeriesTrend.Compute(FakeStudy.Create(), "ifgsm", "untargeted", Norm.Linf);

        trends.Select(t => (t.Series, t.Variable)).Should().Equal(("mlp", "width"), ("resnet", "depth"), ("vgg", "depth"));
        // vgg 11 -> 13: 0.120 -> 0.126, SE = 0.04 / sqrt(492) and 0.04 / sqrt(493): z = 0.006 / 0.002550 = 2.35.
        trends.Single(t => t.Series == "vgg").Verdict.Should().Be(TrendVerdict.LargerIsMoreRobust);
        trends.Single(t => t.Series == "vgg").Reason.Should().Contain("z = 2.35");
        trends.Single(t => t.Series == "mlp").Verdict.Should().Be(TrendVerdict.LargerIsLessRobust);
    }
}
