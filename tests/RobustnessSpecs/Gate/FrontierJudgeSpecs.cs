using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Attacks.CarliniWagner;
using RobustnessGate.Evaluation;
using RobustnessGate.Gate;
using RobustnessGate.Study.Frontiers;
using Xunit;

namespace RobustnessSpecs.Gate;

/// <summary>
/// Against the example frontier a (0.90, 2.0), b (0.95, 1.6), c (0.99, 1.0): between b and c the frontier is
/// 1.6 - 15 (accuracy - 0.95), so 1.3 at accuracy 0.97.
/// </summary>
public sealed class FrontierJudgeSpecs
{
    // Interpolation is a subtraction, a division and a multiply-add of O(1) numbers: errors near 1e-15.
    private const double Exact = 1e-12;

    private const string File = "/repo/frontiers/cw-untargeted-l2.json";

    private static FrontierOutcome Compare(double accuracy, double? robustness, double tolerance = 0.1) =>
        FrontierJudge.Compare(GateExamples.Frontier(), File, accuracy, robustness, tolerance);

    /// <summary>A C&amp;W result measured exactly as the example frontier was.</summary>
    private static EvaluationResult Matching() => GateExamples.Result(GateExamples.Cw);

    [Fact]
    public void A_model_on_a_frontier_segment_is_on_it()
    {
        var o = Compare(0.97, 1.3);

        o.Position.Should().Be("on");
        o.Verdict.Should().Be(Verdict.Pass);
        o.FrontierRobustness.Should().BeApproximately(1.3, Exact);
        o.Between.Should().Equal("b", "c");
        o.Reason.Should().Be("on the frontier: mean L2 1.3 at accuracy 0.97, frontier 1.3 between b (0.95, 1.6) and c (0.99, 1)");
    }

    [Fact]
    public void A_model_at_a_member_is_on_the_frontier()
    {
        var o = Compare(0.95, 1.6);

        o.Position.Should().Be("on");
        o.Gap.Should().Be(0);
    }

    [Fact]
    public void A_frontier_member_is_on_its_own_frontier_even_when_interpolation_rounds_up()
    {
        // At b, the frontier is 0.43 + 1 x (0.1 - 0.43) = 0.10000000000000003 in binary floating point: 3e-17 above b itself.
        var frontier = GateExamples.Frontier() with { Frontier = [new FrontierPoint("a", 0.90, 0.43), new FrontierPoint("b", 0.95, 0.1)] };

        var o = FrontierJudge.Compare(frontier, File, 0.95, 0.1, tolerance: 0);

        o.Position.Should().Be("on");
        o.Verdict.Should().Be(Verdict.Pass);
    }

    [Fact]
    public void A_model_above_the_frontier_is_beyond_it_and_passes()
    {
        var o = Compare(0.97, 1.5);

        o.Position.Should().Be("beyond");
        o.Verdict.Should().Be(Verdict.Pass);
        o.Gap.Should().BeApproximately(0.2, Exact);
        o.RelativeGap.Should().BeApproximately(0.2 / 1.3, Exact);
        o.Reason.Should().StartWith("beyond the frontier: mean L2 1.5 at accuracy 0.97, frontier 1.3 between b (0.95, 1.6) and c (0.99, 1)");
    }

    [Fact]
    public void A_model_more_accurate_than_every_member_is_beyond_the_frontier_whatever_its_robustness()
    {
        var o = Compare(0.995, 0.1);

        o.Position.Should().Be("beyond");
        o.Verdict.Should().Be(Verdict.Pass);
        o.FrontierRobustness.Should().BeNull();
        o.Gap.Should().BeNull();
        o.Between.Should().Equal("c");
        o.Reason.Should().Be("more accurate (0.995) than every frontier model (best: c, 0.99): it extends the frontier");
    }

    [Fact]
    public void A_model_less_accurate_than_every_member_must_beat_the_least_accurate_one()
    {
        var o = Compare(0.85, 1.9);

        o.Position.Should().Be("behind");
        o.FrontierRobustness.Should().Be(2.0);
        o.Between.Should().Equal("a");
        o.RelativeGap.Should().BeApproximately(-0.05, Exact);
    }

    [Fact]
    public void A_model_behind_the_frontier_within_the_tolerance_passes()
    {
        // 1.235 = 0.95 x 1.3: 5 % behind, tolerance 10 %.
        var o = Compare(0.97, 1.235);

        o.Position.Should().Be("behind");
        o.Verdict.Should().Be(Verdict.Pass);
        o.RelativeGap.Should().BeApproximately(-0.05, Exact);
    }

    [Fact]
    public void A_model_behind_the_frontier_beyond_the_tolerance_fails_naming_both_neighbours_and_the_relative_gap()
    {
        // 1.04 = 0.8 x 1.3: 20 % behind, tolerance 10 %.
        var o = Compare(0.97, 1.04);

        o.Position.Should().Be("behind");
        o.Verdict.Should().Be(Verdict.Fail);
        o.Gap.Should().BeApproximately(-0.26, Exact);
        o.RelativeGap.Should().BeApproximately(-0.2, Exact);
        o.Between.Should().Equal("b", "c");
        o.Reason.Should().Be(
            "behind the frontier by 0.26 at accuracy 0.97 (20.0 % below it; tolerance 10 %): mean L2 1.04 against 1.3 between b (0.95, 1.6) and c (0.99, 1)");
    }

    [Fact]
    public void A_zero_tolerance_fails_any_model_behind_the_frontier()
    {
        Compare(0.97, 1.29, tolerance: 0).Verdict.Should().Be(Verdict.Fail);
    }

    [Fact]
    public void A_model_without_a_mean_distortion_cannot_be_placed_and_is_inconclusive()
    {
        var o = Compare(0.97, null);

        o.Position.Should().Be("undefined");
        o.Verdict.Should().Be(Verdict.Inconclusive);
        o.Reason.Should().Be("no mean L2 distortion to place on the frontier (the attack fooled no image)");
        Compare(0.97, double.NaN).Verdict.Should().Be(Verdict.Inconclusive);
    }

    [Fact]
    public void A_result_measured_as_the_frontier_was_has_no_protocol_mismatch()
    {
        FrontierJudge.ProtocolMismatch(GateExamples.Frontier(), Matching(), GateExamples.AccuracySha, 2000).Should().BeNull();
    }

    [Fact]
    public void A_frontier_read_back_from_its_file_matches_the_live_attack_settings()
    {
        // The file holds parameters as JSON numbers, strings and booleans; the check holds ints, doubles, booleans and choices.
        var path = Path.Combine(Path.GetTempPath(), "frontier-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            System.IO.File.WriteAllText(path, FrontierFiles.Serialize(GateExamples.Frontier()));

            var read = FrontierFiles.Read(path);

            FrontierJudge.ProtocolMismatch(read, Matching(), GateExamples.AccuracySha, 2000).Should().BeNull();
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void Other_attack_parameters_are_a_mismatch_naming_both_settings()
    {
        var weaker = CwAttack.Definition.Configure(AttackPreset.Strong, o => o with { Iterations = 100 });

        var mismatch = FrontierJudge.ProtocolMismatch(GateExamples.Frontier(), GateExamples.Result(weaker), GateExamples.AccuracySha, 2000);

        mismatch.Should().Match("attack: the frontier used cw|strong|*iterations=1000;*, the check uses cw|strong|*iterations=100;*");
    }

    [Fact]
    public void Another_preset_is_a_mismatch_even_with_the_same_parameters()
    {
        var result = Matching() with { Attack = Matching().Attack with { Preset = "custom" } };

        FrontierJudge.ProtocolMismatch(GateExamples.Frontier(), result, GateExamples.AccuracySha, 2000).Should()
            .Match("attack: the frontier used cw|strong|*, the check uses cw|custom|*");
    }

    [Fact]
    public void Another_target_is_a_mismatch_naming_both()
    {
        FrontierJudge.ProtocolMismatch(GateExamples.Frontier(), Matching() with { Target = "top2" }, GateExamples.AccuracySha, 2000).Should()
            .Be("target: the frontier used untargeted, the check uses top2");
    }

    [Fact]
    public void Another_seed_is_a_mismatch_naming_both()
    {
        FrontierJudge.ProtocolMismatch(GateExamples.Frontier(), Matching() with { Seed = 7 }, GateExamples.AccuracySha, 2000).Should()
            .Be("seed: the frontier used 1215, the check uses 7");
    }

    [Fact]
    public void Other_attacked_images_are_a_mismatch_naming_counts_and_fingerprints()
    {
        var otherData = Matching() with { Dataset = new DatasetInfo("mnist-test", 100, GateExamples.OtherDataSha) };
        var otherCount = Matching() with { Dataset = new DatasetInfo("mnist-test", 50, GateExamples.DataSha) };

        FrontierJudge.ProtocolMismatch(GateExamples.Frontier(), otherData, GateExamples.AccuracySha, 2000).Should().Be(
            "data: the frontier attacked the first 100 images of mnist-test (sha256 bbbbbbbbbbbb), the check the first 100 of mnist-test (sha256 dddddddddddd)");
        FrontierJudge.ProtocolMismatch(GateExamples.Frontier(), otherCount, GateExamples.AccuracySha, 2000).Should().Match(
            "data: the frontier attacked the first 100 images *, the check the first 50 of *");
    }

    [Fact]
    public void Another_accuracy_set_is_a_mismatch_naming_counts_and_fingerprints()
    {
        FrontierJudge.ProtocolMismatch(GateExamples.Frontier(), Matching(), new string('f', 64), 8000).Should().Be(
            "accuracy set: the frontier measured accuracy on 2000 images (sha256 eeeeeeeeeeee), the check's data set has 8000 (sha256 ffffffffffff)");
    }

    [Fact]
    public void Several_differences_are_all_named()
    {
        var result = Matching() with { Target = "random", Seed = 1 };

        FrontierJudge.ProtocolMismatch(GateExamples.Frontier(), result, GateExamples.AccuracySha, 2000).Should()
            .Be("target: the frontier used untargeted, the check uses random; seed: the frontier used 1215, the check uses 1");
    }

    [Fact]
    public void A_hand_edited_short_fingerprint_is_reported_not_thrown()
    {
        var frontier = GateExamples.Frontier();
        frontier = frontier with { Protocol = frontier.Protocol with { DatasetSha256 = "abc" } };

        FrontierJudge.ProtocolMismatch(frontier, Matching(), "xyz", 2000).Should()
            .Match("data: *(sha256 abc)*(sha256 bbbbbbbbbbbb)*; accuracy set: *(sha256 eeeeeeeeeeee)*(sha256 xyz)");
    }
}
