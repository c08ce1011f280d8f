using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Evaluation;
using RobustnessGate.Metrics;
using RobustnessGate.Study;
using RobustnessGate.Study.Analysis;
using Xunit;

namespace RobustnessSpecs.Study;

public class ScalingLawFitSpecs
{
    [Fact]
    public void The_law_is_fitted_over_the_models_with_a_distortion_and_names_the_ones_left_out()
    {
        var study = FakeStudy.Create();

        var fit = ScalingLawFit.Compute(study, "ead", "untargeted", Norm.L1);

        fit.Points.Select(p => p.Model).Should().NotContain("lenet");
        fit.Excluded.Should().ContainSingle().Which.Should().Be("lenet (no successful example)");
        fit.Fit.N.Should().Be(7);
    }

    [Fact]
    public void The_x_axis_is_the_natural_log_of_the_top_one_error()
    {
        // Distortions made from d = 0.5 ln(1 - accuracy) + 3 exactly: the fit must return a = 0.5, b = 3.
        double[] accuracy = [0.90, 0.95, 0.98, 0.99];
        var models = accuracy.Select((a, i) => new StudyModelInfo($"m{i}", "F", 1000, a)).ToList();
        var cells = accuracy.Select((a, i) => new StudyCell($"m{i}", "cw", "untargeted", 10, 10,
            DistortionStatistics.None with { L2 = new Summary(0.5 * Math.Log(1 - a) + 3, null, null) })).ToList();
        var study = FakeStudy.Create() with { Models = models, Cells = cells, Gallery = [], Transfer = null };

        var fit = ScalingLawFit.Compute(study, "cw", "untargeted", Norm.L2);

        // 1 - 0.99 is not exactly 0.01 in binary, but ln and the fit see the same value on both sides: 1e-12 as in LineFitSpecs.
        fit.Fit.Slope.Should().BeApproximately(0.5, 1e-12);
        fit.Fit.Intercept.Should().BeApproximately(3, 1e-12);
        fit.Predict(0.05).Should().BeApproximately(0.5 * Math.Log(0.05) + 3, 1e-12);
    }

    [Fact]
    public void A_model_with_zero_error_is_left_out_because_its_log_is_undefined()
    {
        var models = new List<StudyModelInfo> { new("perfect", "F", 10, 1.0), new("a", "F", 10, 0.9), new("b", "F", 10, 0.8) };
        var cells = models.Select(m => new StudyCell(m.Name, "cw", "untargeted", 5, 5, DistortionStatistics.None with { L2 = new Summary(1, null, 1) })).ToList();
        var study = FakeStudy.Create() with { Models = models, Cells = cells, Gallery = [], Transfer = null };

        var fit = ScalingLawFit.Compute(study, "cw", "untargeted", Norm.L2);

        fit.Excluded.Should().ContainSingle().Which.Should().Contain("perfect");
        fit.Fit.N.Should().Be(2);
    }
}
