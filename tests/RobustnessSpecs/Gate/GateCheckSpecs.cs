using FluentAssertions;
using RobustnessGate.Gate;
using RobustnessGate.Models;
using Xunit;

namespace RobustnessSpecs.Gate;

public sealed class GateCheckSpecs
{
    [Fact]
    public void A_metric_the_check_holds_with_its_own_tolerance_uses_it_and_every_other_metric_the_check_tolerance()
    {
        var own = new RegressionTolerance(0.05, 0, 0);
        var check = GateExamples.Check(GateExamples.Hold("meanL2", tolerance: own), GateExamples.Hold("successRate"));

        check.ToleranceOf(GateMetrics.Get("meanL2")).Should().Be(own);
        check.ToleranceOf(GateMetrics.Get("successRate")).Should().Be(RegressionTolerance.Default);
        check.ToleranceOf(GateMetrics.Get("medianL2")).Should().Be(check.Tolerance);
    }

    [Fact]
    public void The_display_name_is_model_attack_and_target()
    {
        GateExamples.Check().DisplayName.Should().Be("lenet / pgd / untargeted");
        (GateExamples.Check() with { Model = new ModelSource("/models/own.pt", null) }).DisplayName.Should().Be("own.pt / pgd / untargeted");
    }

    [Fact]
    public void Sources_with_another_normalisation_or_other_files_have_other_keys()
    {
        new ModelSource("/m.pt", null).Key.Should().Be("/m.pt");
        new ModelSource("/m.pt", new Normalization([0.5f], [0.25f])).Key.Should().Be("/m.pt|0.5|0.25");
        new DataSource("mnist-test", null, null).Key.Should().Be("mnist-test");
        new DataSource(null, "/i.npy", "/l.npy").Key.Should().Be("/i.npy|/l.npy");
    }
}
