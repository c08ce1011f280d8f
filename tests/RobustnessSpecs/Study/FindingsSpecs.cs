using FluentAssertions;
using RobustnessGate.Evaluation;
using RobustnessGate.Metrics;
using RobustnessGate.Study;
using RobustnessGate.Study.Analysis;
using Xunit;

namespace RobustnessSpecs.Study;

public class FindingsSpecs
{
    [Fact]
    public void Transferability_is_not_measured_without_transfer_data()
    {
        var f = StudyAnalysis.Of(FakeStudy.Create(withTransfer: false)).Findings[3];

        f.Number.Should().Be(4);
        f.Verdict.Should().Be(FindingVerdict.NotMeasured);
        f.Evidence.Should().StartWith("not measured in this run");
    }

    [Fact]
    public void Vgg_transferring_widest_and_others_staying_in_family_reproduces_finding_four()
    {
        // Fake rates: VGG across 50 %, best other across MLP 30 %; ResNet and MLP transfer more within (60/20, 40/30); LeNet has
        // no second model, so no within-family rate, and is not counted among the "other families".
        var f = StudyAnalysis.Of(FakeStudy.Create()).Findings[3];

        f.Verdict.Should().Be(FindingVerdict.Reproduced);
        f.Evidence.Should().Contain("VGG cross-family 50.00 % vs best other MLP 30.00 %").And.Contain("2 of 2 other families");
    }

    [Fact]
    public void Significant_depth_gains_under_linf_reproduce_finding_three()
    {
        // vgg z = 2.35 and resnet 0.150 -> 0.161 (z about 4.3) rise; no depth series falls. The mlp width series is not counted.
        var f = StudyAnalysis.Of(FakeStudy.Create()).Findings[2];

        f.Verdict.Should().Be(FindingVerdict.Reproduced);
        f.Evidence.Should().Contain("resnet").And.Contain("vgg").And.NotContain("mlp");
    }

    [Fact]
    public void A_significant_positive_slope_with_a_tight_line_reproduces_finding_one()
    {
        var study = Law(slope: 0.4, wobble: 0.01);

        var f = StudyAnalysis.Of(study).Findings[0];

        f.Verdict.Should().Be(FindingVerdict.Reproduced);
        f.Evidence.Should().StartWith("cw/untargeted/L2: slope 0.4");
    }

    [Fact]
    public void A_significant_negative_slope_contradicts_finding_one()
    {
        StudyAnalysis.Of(Law(slope: -0.4, wobble: 0.01)).Findings[0].Verdict.Should().Be(FindingVerdict.NotReproduced);
    }

    [Fact]
    public void A_flat_noisy_cloud_is_inconclusive_for_finding_one()
    {
        StudyAnalysis.Of(Law(slope: 0, wobble: 0.3)).Findings[0].Verdict.Should().Be(FindingVerdict.Inconclusive);
    }

    [Fact]
    public void Fewer_than_three_models_leave_finding_one_unmeasured()
    {
        var study = Law(slope: 0.4, wobble: 0);
        study = study with { Models = study.Models.Take(2).ToList(), Cells = study.Cells.Take(2).ToList() };

        StudyAnalysis.Of(study).Findings[0].Verdict.Should().Be(FindingVerdict.NotMeasured);
    }

    [Fact]
    public void Family_explaining_more_than_size_reproduces_finding_two_and_lists_the_frontier()
    {
        var f = StudyAnalysis.Of(FakeStudy.Create()).Findings[1];

        f.Evidence.Should().Contain("frontier cw/untargeted/L2:");
        f.Verdict.Should().Be(FindingVerdict.Reproduced);
    }

    // Six models on d = slope ln(err) + 2 with an alternating wobble of +-wobble, alternating families.
    private static StudyResults Law(double slope, double wobble)
    {
        double[] accuracy = [0.90, 0.93, 0.95, 0.97, 0.98, 0.99];
        var models = accuracy.Select((a, i) => new StudyModelInfo($"m{i}", i % 2 == 0 ? "A" : "B", 1000 * (i + 1), a)).ToList();
        var cells = accuracy.Select((a, i) => new StudyCell($"m{i}", "cw", "untargeted", 10, 10, DistortionStatistics.None with
        {
            L2 = new Summary(slope * Math.Log(1 - a) + 4 + (i % 2 == 0 ? wobble : -wobble), null, null),
        })).ToList();
        return FakeStudy.Create(withTransfer: false) with { Models = models, Cells = cells, Gallery = [] };
    }
}
