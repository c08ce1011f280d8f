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
    public void The_summary_of_an_inconclusive_scaling_law_shows_the_fit_that_breaks_it()
    {
        // Fake fits: cw [0.1808, 0.4258] R^2 0.86 and ead [1.551, 3.753] R^2 0.88 support (interval above 0, R^2 >= 0.5);
        // ifgsm [-0.02716, 0.04219] R^2 0.04 does not, so it is the case that makes the verdict inconclusive.
        var f = StudyAnalysis.Of(FakeStudy.Create()).Findings[0];

        f.Verdict.Should().Be(FindingVerdict.Inconclusive);
        f.Subject.Should().Be("ifgsm/untargeted/Linf");
        f.Deciding.Should().Be("ifgsm/untargeted/Linf: slope 0.007517, 95 % interval [-0.02716, 0.04219], R^2 0.04 (2 of 3 fits support)");
        f.Basis.Should().Be("8 models");
        f.ShortClaim.Should().NotBeEmpty();
    }

    [Fact]
    public void The_summary_of_a_reproduced_finding_shows_the_case_with_the_least_margin()
    {
        // Adjusted eta^2 minus adjusted size R^2: cw 0.91 - 0.82, ead 0.88 - 0.68, ifgsm 0.88 - 0.51; cw has the least margin.
        // Transfer has one untargeted matrix (ifgsm): 8 sources x 7 targets = 56 ordered pairs.
        var findings = StudyAnalysis.Of(FakeStudy.Create()).Findings;

        findings[1].Subject.Should().Be("cw/untargeted/L2");
        findings[1].Deciding.Should().StartWith("cw/untargeted/L2: adjusted eta^2 (family) 0.91 vs adjusted R^2 (ln parameters) 0.82")
            .And.EndWith("(family more in 3 of 3 attacks)");
        findings[1].Basis.Should().Be("8 models, 4 families");
        findings[3].Subject.Should().Be("ifgsm");
        findings[3].Deciding.Should().Contain("VGG within 70.00 %, across 50.00 % vs best other family (MLP) across 30.00 %");
        findings[3].Basis.Should().StartWith("56 pairs, ");
    }

    [Fact]
    public void A_finding_without_data_says_why_in_its_deciding_number()
    {
        var f = StudyAnalysis.Of(FakeStudy.Create(withTransfer: false)).Findings[3];

        f.Deciding.Should().Be("not measured in this run: the study has no transfer data");
        f.Basis.Should().BeEmpty();
        f.Subject.Should().BeNull();
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
