using FluentAssertions;
using RobustnessGate.Gate;
using Xunit;

namespace RobustnessSpecs.Gate;

public sealed class MetricBandsSpecs
{
    // Higher is better (a mean distortion): good from 1.5, warning from 1.2, danger from 1.0, broken below 1.0.
    private static readonly MetricBands Distortion = new(High: 1.5, Low: 1.2, Break: 1.0);

    // Lower is better (the success rate): good up to 0.2, warning up to 0.3, danger up to 0.5, broken above 0.5.
    private static readonly MetricBands SuccessRate = new(High: 0.2, Low: 0.3, Break: 0.5);

    [Theory]
    [InlineData(2.0, Health.Good)]
    [InlineData(1.5, Health.Good)]      // at high: good
    [InlineData(1.3, Health.Warning)]
    [InlineData(1.2, Health.Warning)]   // at low: still a warning
    [InlineData(1.1, Health.Danger)]
    [InlineData(1.0, Health.Danger)]    // at break: danger, not broken
    [InlineData(0.5, Health.Danger)]
    public void A_higher_is_better_value_is_good_at_or_above_high_a_warning_down_to_low_and_danger_below(double value, Health health)
    {
        Distortion.HealthOf(value, MetricDirection.HigherIsBetter).Should().Be(health);
    }

    [Theory]
    [InlineData(0.1, Health.Good)]
    [InlineData(0.2, Health.Good)]      // at high: good
    [InlineData(0.25, Health.Warning)]
    [InlineData(0.3, Health.Warning)]   // at low: still a warning
    [InlineData(0.4, Health.Danger)]
    [InlineData(0.5, Health.Danger)]    // at break: danger, not broken
    [InlineData(0.9, Health.Danger)]
    public void A_lower_is_better_value_is_good_at_or_below_high_a_warning_up_to_low_and_danger_above(double value, Health health)
    {
        SuccessRate.HealthOf(value, MetricDirection.LowerIsBetter).Should().Be(health);
    }

    [Theory]
    [InlineData(1.0, false)]
    [InlineData(0.999, true)]
    [InlineData(3.0, false)]
    public void A_higher_is_better_value_breaks_only_strictly_below_break(double value, bool breaks)
    {
        Distortion.Breaks(value, MetricDirection.HigherIsBetter).Should().Be(breaks);
    }

    [Theory]
    [InlineData(0.5, false)]
    [InlineData(0.501, true)]
    [InlineData(0.0, false)]
    public void A_lower_is_better_value_breaks_only_strictly_above_break(double value, bool breaks)
    {
        SuccessRate.Breaks(value, MetricDirection.LowerIsBetter).Should().Be(breaks);
    }

    [Fact]
    public void Without_bands_every_value_is_good_and_nothing_breaks()
    {
        MetricBands.None.HealthOf(-1e9, MetricDirection.HigherIsBetter).Should().Be(Health.Good);
        MetricBands.None.HealthOf(1e9, MetricDirection.LowerIsBetter).Should().Be(Health.Good);
        MetricBands.None.Breaks(-1e9, MetricDirection.HigherIsBetter).Should().BeFalse();
        MetricBands.None.OrderProblem(MetricDirection.HigherIsBetter).Should().BeNull();
    }

    [Fact]
    public void With_only_a_break_band_a_value_beyond_it_is_in_danger_and_one_inside_is_good()
    {
        var onlyBreak = new MetricBands(null, null, 0.5);

        onlyBreak.HealthOf(0.6, MetricDirection.LowerIsBetter).Should().Be(Health.Danger);
        onlyBreak.HealthOf(0.4, MetricDirection.LowerIsBetter).Should().Be(Health.Good);
    }

    [Fact]
    public void With_only_a_high_band_a_value_short_of_it_is_a_warning()
    {
        new MetricBands(1.5, null, null).HealthOf(1.4, MetricDirection.HigherIsBetter).Should().Be(Health.Warning);
    }

    [Fact]
    public void Bands_in_order_for_their_direction_have_no_order_problem()
    {
        Distortion.OrderProblem(MetricDirection.HigherIsBetter).Should().BeNull();
        SuccessRate.OrderProblem(MetricDirection.LowerIsBetter).Should().BeNull();
        new MetricBands(0.5, 0.5, 0.5).OrderProblem(MetricDirection.LowerIsBetter).Should().BeNull("equal bands collapse, they are not out of order");
    }

    [Fact]
    public void The_same_bands_are_out_of_order_for_the_opposite_direction()
    {
        Distortion.OrderProblem(MetricDirection.LowerIsBetter).Should()
            .Be("break must be >= low for a metric where lower is better. Current break: 1, low: 1.2");
        SuccessRate.OrderProblem(MetricDirection.HigherIsBetter).Should()
            .Be("break must be <= low for a metric where higher is better. Current break: 0.5, low: 0.3");
    }

    [Theory]
    [InlineData(null, 1.0, 1.2, "break must be <= low*Current break: 1.2, low: 1")]
    [InlineData(1.1, 1.2, null, "low must be <= high*Current low: 1.2, high: 1.1")]
    [InlineData(1.1, null, 1.2, "break must be <= high*Current break: 1.2, high: 1.1")]
    public void A_higher_is_better_order_problem_names_both_bands_and_their_values(double? high, double? low, double? @break, string message)
    {
        new MetricBands(high, low, @break).OrderProblem(MetricDirection.HigherIsBetter).Should().Match(message + "*")
            .And.Contain("higher is better");
    }

    [Theory]
    [InlineData(0.5, 0.3, null, "low must be >= high*Current low: 0.3, high: 0.5")]
    [InlineData(null, 0.6, 0.5, "break must be >= low*Current break: 0.5, low: 0.6")]
    public void A_lower_is_better_order_problem_names_both_bands_and_their_values(double? high, double? low, double? @break, string message)
    {
        new MetricBands(high, low, @break).OrderProblem(MetricDirection.LowerIsBetter).Should().Match(message + "*")
            .And.Contain("lower is better");
    }
}
