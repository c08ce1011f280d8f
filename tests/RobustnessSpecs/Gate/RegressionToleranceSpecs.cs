using FluentAssertions;
using RobustnessGate.Gate;
using Xunit;

namespace RobustnessSpecs.Gate;

public sealed class RegressionToleranceSpecs
{
    // One product and two comparisons of O(1) numbers: within a few ulps.
    private const double Exact = 1e-12;

    [Theory]
    [InlineData(0.3, 0.01, 2, 0.3)]     // max(0.3, 0.01 x 2 = 0.02, 2 x 0.05 = 0.1): the absolute floor
    [InlineData(0.01, 0.1, 2, 0.2)]     // max(0.01, 0.1 x 2 = 0.2, 2 x 0.05 = 0.1): the relative floor
    [InlineData(0.01, 0.01, 3, 0.15)]   // max(0.01, 0.01 x 2 = 0.02, 3 x 0.05 = 0.15): the standard errors
    public void The_tolerance_is_the_largest_of_its_absolute_relative_and_standard_error_parts(double absolute, double relative, double k, double expected)
    {
        new RegressionTolerance(absolute, relative, k).For(baseline: 2.0, standardError: 0.05).Should().BeApproximately(expected, Exact);
    }

    [Fact]
    public void The_relative_part_uses_the_size_of_the_baseline()
    {
        new RegressionTolerance(0, 0.1, 0).For(-3.0, null).Should().BeApproximately(0.3, Exact);
    }

    [Fact]
    public void Without_a_standard_error_only_the_floors_count()
    {
        new RegressionTolerance(0, 0.01, 2).For(2.0, null).Should().BeApproximately(0.02, Exact);
    }

    [Fact]
    public void The_default_is_two_standard_errors_with_a_one_percent_floor()
    {
        RegressionTolerance.Default.Should().Be(new RegressionTolerance(0, 0.01, 2));
        RegressionTolerance.Default.For(1.5, 0.05).Should().BeApproximately(0.1, Exact);     // 2 x 0.05 beats 0.015
        RegressionTolerance.Default.For(1.5, 0.005).Should().BeApproximately(0.015, Exact);  // 0.01 x 1.5 beats 0.01
    }

    [Fact]
    public void The_formula_is_written_for_messages_in_invariant_culture()
    {
        new RegressionTolerance(0.001, 0.05, 2.5).ToString().Should().Be("max(0.001, 0.05 x baseline, 2.5 standard errors)");
    }
}
