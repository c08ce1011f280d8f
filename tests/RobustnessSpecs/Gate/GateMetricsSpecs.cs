using FluentAssertions;
using RobustnessGate.Gate;
using Xunit;

namespace RobustnessSpecs.Gate;

public sealed class GateMetricsSpecs
{
    // Each standard error is one square root and one or two multiplications or divisions of O(1) numbers: within 1e-15.
    private const double Exact = 1e-12;

    [Fact]
    public void The_catalogue_lists_the_rates_then_the_mean_distortions_then_the_medians()
    {
        GateMetrics.Names.Should().Equal("cleanAccuracy", "successRate", "robustAccuracy", "meanL0", "meanL1", "meanL2", "meanLinf",
            "medianL1", "medianL2", "medianLinf");
        GateMetrics.All.Select(m => m.Name).Should().Equal(GateMetrics.Names);
    }

    [Fact]
    public void Only_the_success_rate_is_better_when_lower()
    {
        GateMetrics.All.Where(m => m.Direction == MetricDirection.LowerIsBetter).Select(m => m.Name).Should().Equal("successRate");
    }

    [Fact]
    public void The_three_rates_are_fractions_and_the_distortions_are_not()
    {
        GateMetrics.All.Where(m => m.IsRate).Select(m => m.Name).Should().Equal("cleanAccuracy", "successRate", "robustAccuracy");
        GateMetrics.Get("meanL0").Unit.Should().Be("changed elements");
        GateMetrics.Get("medianL2").Unit.Should().Be("[0, 1] pixel units");
    }

    [Theory]
    [InlineData("cleanAccuracy", 0.8)]
    [InlineData("successRate", 0.8)]
    [InlineData("robustAccuracy", 0.16)]
    [InlineData("meanL0", 30)]
    [InlineData("meanL1", 8)]
    [InlineData("meanL2", 1.5)]
    [InlineData("meanLinf", 0.3)]
    [InlineData("medianL1", 7.5)]
    [InlineData("medianL2", 1.45)]
    [InlineData("medianLinf", 0.29)]
    public void Each_metric_reads_its_own_field_of_the_result(string metric, double expected)
    {
        GateMetrics.Read(GateExamples.Result(), metric).Should().Be(expected);
    }

    // The example result: 100 images, 80 attacked, 64 fooled; clean accuracy 0.8, success rate 0.8, robust accuracy 0.16;
    // std L0 8, L1 2, L2 0.4, Linf 0.05 over the 64 successes (sqrt(64) = 8).
    [Theory]
    // Rates: Agresti-Coull, p = (k + 2) / (n + 4), sqrt(p (1 - p) / (n + 4)).
    [InlineData("cleanAccuracy", 0.04004684046266734)]  // p = 82 / 104
    [InlineData("successRate", 0.04477022646628634)]    // p = 66 / 84: over the attacked images, not all
    [InlineData("robustAccuracy", 0.0370967163401638)] // p = 18 / 104
    [InlineData("meanL0", 1.0)]                 // 8 / 8
    [InlineData("meanL1", 0.25)]                // 2 / 8
    [InlineData("meanL2", 0.05)]                // 0.4 / 8
    [InlineData("meanLinf", 0.00625)]           // 0.05 / 8
    [InlineData("medianL1", 0.313325)]          // 1.2533 x 2 / 8
    [InlineData("medianL2", 0.06266500000000001)] // 1.2533 x 0.4 / 8
    [InlineData("medianLinf", 0.007833125)]     // 1.2533 x 0.05 / 8
    public void Standard_errors_are_agresti_coull_for_rates_std_over_root_k_for_means_and_1_2533_times_that_for_medians(string metric, double expected)
    {
        GateMetrics.Get(metric).StandardError(GateExamples.Result()).Should().BeApproximately(expected, Exact);
    }

    [Fact]
    public void Without_an_attacked_image_the_success_rate_and_every_distortion_have_no_value_and_no_standard_error()
    {
        var result = GateExamples.NothingAttacked();

        foreach (var metric in GateMetrics.All.Where(m => m.Name is not ("cleanAccuracy" or "robustAccuracy")))
        {
            metric.Read(result).Should().BeNull(metric.Name);
            metric.StandardError(result).Should().BeNull(metric.Name);
        }
        GateMetrics.Get("cleanAccuracy").StandardError(result).Should().BeGreaterThan(0, "Agresti-Coull keeps a spread at a rate of 0, so one image is never infinitely many standard errors");
    }

    [Fact]
    public void Without_a_successful_example_the_distortions_have_no_standard_error_but_the_success_rate_has_one()
    {
        var result = GateExamples.NothingFooled();

        GateMetrics.Get("meanL2").StandardError(result).Should().BeNull();
        GateMetrics.Get("medianL2").StandardError(result).Should().BeNull();
        GateMetrics.Get("successRate").StandardError(result).Should().BeGreaterThan(0, "a rate of 0 still has the Agresti-Coull spread");
    }

    [Fact]
    public void Worsening_is_positive_in_the_bad_direction_of_each_metric()
    {
        GateMetrics.Get("meanL2").Worsening(1.2, 1.5).Should().BeApproximately(0.3, Exact, "less distortion needed = less robust");
        GateMetrics.Get("meanL2").Worsening(1.8, 1.5).Should().BeApproximately(-0.3, Exact);
        GateMetrics.Get("successRate").Worsening(0.6, 0.5).Should().BeApproximately(0.1, Exact, "more images fooled = less robust");
        GateMetrics.Get("successRate").Worsening(0.4, 0.5).Should().BeApproximately(-0.1, Exact);
    }

    [Fact]
    public void An_unknown_metric_is_an_error_listing_the_known_ones()
    {
        GateMetrics.IsKnown("meanL2").Should().BeTrue();
        GateMetrics.IsKnown("MeanL2").Should().BeFalse("names are case-sensitive, as in threshold files and snapshots");
        GateMetrics.Find("speed").Should().BeNull();

        var act = () => GateMetrics.Get("speed");

        act.Should().Throw<ArgumentException>().WithMessage("unknown metric 'speed'; expected one of cleanAccuracy, successRate, *, medianLinf");
    }
}
