using FluentAssertions;
using RobustnessGate.Study.Analysis;
using Xunit;

namespace RobustnessSpecs.Study;

public class ParetoFrontierSpecs
{
    // Interpolation does one subtraction, one division and one multiply-add on O(1) numbers: errors near 1e-16.
    private const double Exact = 1e-12;

    private static readonly ParetoPoint A = new("a", 0.90, 1.0);
    private static readonly ParetoPoint B = new("b", 0.95, 0.8);
    private static readonly ParetoPoint C = new("c", 0.99, 0.5);
    private static readonly ParetoPoint D = new("d", 0.93, 0.7);   // dominated by b (more accurate and more robust)
    private static readonly ParetoPoint E = new("e", 0.95, 0.8);   // identical to b: neither dominates the other
    private static readonly ParetoPoint F = new("f", 0.99, 0.4);   // dominated by c (same accuracy, less robust)
    private static readonly ParetoPoint G = new("g", 0.85, 1.0);   // dominated by a (same robustness, less accurate)

    private static ParetoFrontier Frontier() => ParetoFrontier.Of([A, B, C, D, E, F, G]);

    [Fact]
    public void Dominated_models_are_excluded_and_identical_points_both_stay()
    {
        var f = Frontier();

        f.Members.Select(p => p.Model).Should().Equal("a", "b", "e", "c");
        f.Dominated.Select(p => p.Model).Should().Equal("d", "f", "g");
    }

    [Theory]
    [InlineData(0.92, 0.92)]    // a -> b: 1.0 + (0.02 / 0.05) * (0.8 - 1.0)
    [InlineData(0.97, 0.65)]    // b -> c: 0.8 + (0.02 / 0.04) * (0.5 - 0.8)
    [InlineData(0.95, 0.8)]     // on a member
    [InlineData(0.99, 0.5)]     // the most accurate member
    [InlineData(0.80, 1.0)]     // below the least accurate member: flat at its robustness
    public void The_frontier_robustness_is_interpolated_linearly_between_members(double accuracy, double expected)
    {
        Frontier().RobustnessAt(accuracy).Should().BeApproximately(expected, Exact);
    }

    [Fact]
    public void Beyond_the_most_accurate_member_the_frontier_has_no_value()
    {
        Frontier().RobustnessAt(0.995).Should().BeNull();
        Frontier().Compare(0.995, 0.1).Position.Should().Be(FrontierPosition.BeyondMostAccurate);
    }

    [Fact]
    public void A_new_model_below_the_frontier_gets_its_signed_gap()
    {
        var cmp = Frontier().Compare(0.97, 0.6);

        cmp.FrontierRobustness.Should().BeApproximately(0.65, Exact);
        cmp.Gap.Should().BeApproximately(-0.05, Exact);
        cmp.RelativeGap.Should().BeApproximately(-0.05 / 0.65, Exact);
        cmp.Position.Should().Be(FrontierPosition.Below);
    }

    [Fact]
    public void A_model_on_or_above_the_frontier_has_a_non_negative_gap()
    {
        Frontier().Compare(0.95, 0.8).Position.Should().Be(FrontierPosition.OnOrAbove);
        Frontier().Compare(0.92, 1.2).Gap.Should().BeApproximately(0.28, Exact);
    }

    [Fact]
    public void An_empty_set_has_an_empty_frontier()
    {
        var f = ParetoFrontier.Of([]);

        f.Members.Should().BeEmpty();
        f.RobustnessAt(0.5).Should().BeNull();
    }
}
