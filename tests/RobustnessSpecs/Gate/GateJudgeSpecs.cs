using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Attacks.Pgd;
using RobustnessGate.Evaluation;
using RobustnessGate.Gate;
using Xunit;

namespace RobustnessSpecs.Gate;

/// <summary>
/// The example result holds mean L2 1.5 with standard error 0.4 / sqrt(64) = 0.05, so the default tolerance is
/// max(0, 0.01 x 1.5, 2 x 0.05) = 0.1 (see <see cref="GateExamples.Result"/>).
/// </summary>
public sealed class GateJudgeSpecs
{
    // Deltas, tolerances and standard errors are one subtraction, product or square root of O(1) numbers: within 1e-15.
    private const double Exact = 1e-12;

    private const string ApprovedPath = "/repo/Gate/approved/lenet-pgd.approved.json";

    private static GateSnapshot Approved(EvaluationResult result) => GateSnapshot.Of(GateExamples.CheckId, result, Verdict.Pass);

    private static CheckResult Judge(EvaluationResult result, GateSnapshot? baseline, GateCheck? check = null, FrontierOutcome? frontier = null) =>
        GateJudge.Judge(check ?? GateExamples.Check(), result, baseline, ApprovedPath, frontier, cached: false);

    [Fact]
    public void A_result_equal_to_its_baseline_passes_without_a_reason_and_the_snapshot_does_not_move()
    {
        var result = GateExamples.Result();

        var judged = Judge(result, Approved(result));

        judged.Verdict.Should().Be(Verdict.Pass);
        judged.Reason.Should().BeEmpty();
        judged.SnapshotMoved.Should().BeFalse();
        judged.Metrics.Should().OnlyContain(m => m.Verdict == Verdict.Pass);
        judged.Message.Should().Be("check 'lenet-pgd' (lenet / pgd / untargeted): pass");
    }

    [Fact]
    public void Every_metric_is_judged_with_the_held_ones_first()
    {
        var judged = Judge(GateExamples.Result(), Approved(GateExamples.Result()), GateExamples.Check(GateExamples.Hold("meanL2"), GateExamples.Hold("successRate")));

        judged.Metrics.Select(m => m.Metric).Should().Equal("successRate", "meanL2", "cleanAccuracy", "robustAccuracy", "meanL0", "meanL1", "meanLinf",
            "medianL1", "medianL2", "medianLinf");
        judged.Metrics.Select(m => m.Held).Should().Equal(true, true, false, false, false, false, false, false, false, false);
    }

    [Fact]
    public void A_distortion_that_falls_beyond_its_tolerance_fails_naming_the_metric_both_values_the_delta_the_standard_errors_and_the_tolerance()
    {
        // 1.5 -> 1.3: delta -0.2 = 13.3 % of 1.5 = 4 standard errors of 0.05, beyond the tolerance 0.1.
        var judged = Judge(GateExamples.Result().WithMeanL2(1.3), Approved(GateExamples.Result()));

        judged.Verdict.Should().Be(Verdict.Fail);
        judged.SnapshotMoved.Should().BeTrue();
        judged.Reason.Should().Be(
            "meanL2 regressed from 1.5 to 1.3 (-0.2, -13.3 %, 4 standard errors), beyond its tolerance 0.1 = max(0, 0.01 x baseline, 2 standard errors)");
        judged.Message.Should().Be("check 'lenet-pgd' (lenet / pgd / untargeted): fail\n  " + judged.Reason);
        var l2 = judged.Metrics.Single(m => m.Metric == "meanL2");
        (l2.Value, l2.Baseline, l2.Verdict).Should().Be((1.3, 1.5, Verdict.Fail));
        l2.Delta.Should().BeApproximately(-0.2, Exact);
        l2.Tolerance.Should().BeApproximately(0.1, Exact);
        l2.StandardError.Should().BeApproximately(0.05, Exact);
    }

    [Fact]
    public void A_move_within_the_tolerance_passes_and_leaves_the_snapshot_where_it_was()
    {
        // 1.5 -> 1.42: 0.08 < 0.1.
        var judged = Judge(GateExamples.Result().WithMeanL2(1.42), Approved(GateExamples.Result()));

        judged.Verdict.Should().Be(Verdict.Pass);
        judged.SnapshotMoved.Should().BeFalse();
        judged.Metrics.Single(m => m.Metric == "meanL2").Delta.Should().BeApproximately(-0.08, Exact);
    }

    [Fact]
    public void An_improvement_beyond_the_tolerance_fails_until_it_is_approved()
    {
        var judged = Judge(GateExamples.Result().WithMeanL2(1.7), Approved(GateExamples.Result()));

        judged.Verdict.Should().Be(Verdict.Fail);
        judged.SnapshotMoved.Should().BeTrue();
        judged.Reason.Should().Match("meanL2 improved from 1.5 to 1.7 (+0.2, +13.3 %, 4 standard errors), beyond its tolerance 0.1 = *: if the improvement is real, approve the new baseline");
    }

    [Fact]
    public void A_metric_only_tracked_in_the_snapshot_is_held_to_the_check_tolerance_too()
    {
        // The success rate is not held by the default check; 0.8 -> 0.9 is 0.1 against 2 Agresti-Coull standard errors of the
        // new rate: p = (72 + 2) / 84, 2 x sqrt(p (1 - p) / 84) = 0.0707.
        var judged = Judge(GateExamples.Result() with { SuccessRate = 0.9 }, Approved(GateExamples.Result()));

        judged.Verdict.Should().Be(Verdict.Fail);
        judged.Reason.Should().StartWith("successRate regressed from 0.8 to 0.9 (+0.1, +12.5 %, 2.8 standard errors), beyond its tolerance 0.07067 = ");
    }

    [Fact]
    public void A_value_beyond_its_break_band_fails_even_when_it_equals_the_baseline()
    {
        var check = GateExamples.Check(GateExamples.Hold("meanL2", new MetricBands(High: 2.0, Low: 1.8, Break: 1.6)));
        var result = GateExamples.Result();

        var judged = Judge(result, Approved(result), check);

        judged.Verdict.Should().Be(Verdict.Fail);
        judged.Reason.Should().Be("meanL2 = 1.5 is beyond its break band 1.6 (must be at least that)");
        judged.SnapshotMoved.Should().BeFalse("the measurement is the approved one; the band is what fails");
        judged.Health.Should().Be(Health.Danger);
    }

    [Fact]
    public void A_success_rate_above_its_break_band_says_it_must_be_at_most_that()
    {
        var check = GateExamples.Check(GateExamples.Hold("successRate", new MetricBands(null, null, 0.75)));

        var judged = Judge(GateExamples.Result(), Approved(GateExamples.Result()), check);

        judged.Verdict.Should().Be(Verdict.Fail);
        judged.Reason.Should().Be("successRate = 0.8 is beyond its break band 0.75 (must be at most that)");
    }

    [Fact]
    public void A_value_that_breaks_and_also_moved_beyond_its_tolerance_moves_the_snapshot()
    {
        // 1.5 -> 1.3 is beyond both the tolerance (0.1) and the break band (1.4): the received snapshot must be written so
        // that the new measurement can be reviewed, even though the band is reported.
        var check = GateExamples.Check(GateExamples.Hold("meanL2", new MetricBands(null, null, 1.4)));

        var judged = Judge(GateExamples.Result().WithMeanL2(1.3), Approved(GateExamples.Result()), check);

        judged.Verdict.Should().Be(Verdict.Fail);
        judged.Reason.Should().Be("meanL2 = 1.3 is beyond its break band 1.4 (must be at least that); it moved from 1.5, beyond its tolerance 0.1");
        judged.SnapshotMoved.Should().BeTrue();
    }

    [Fact]
    public void Health_is_the_worst_of_the_held_metrics_and_only_for_display()
    {
        var check = GateExamples.Check(
            GateExamples.Hold("meanL2", new MetricBands(High: 1.6, Low: 1.2, Break: 1.0)),
            GateExamples.Hold("cleanAccuracy", new MetricBands(High: 0.75, Low: null, Break: null)));

        var judged = Judge(GateExamples.Result(), Approved(GateExamples.Result()), check);

        judged.Verdict.Should().Be(Verdict.Pass);
        judged.Health.Should().Be(Health.Warning);
        judged.Metrics.Single(m => m.Metric == "cleanAccuracy").Health.Should().Be(Health.Good);
    }

    [Fact]
    public void A_model_that_classifies_no_image_correctly_is_inconclusive()
    {
        var result = GateExamples.NothingAttacked();

        var judged = Judge(result, Approved(GateExamples.Result()));

        judged.Verdict.Should().Be(Verdict.Inconclusive);
        judged.Reason.Should().Contain("no image was attacked: the model classifies none of the 100 images correctly (clean accuracy 0)");
    }

    [Fact]
    public void A_held_distortion_without_any_successful_example_is_inconclusive()
    {
        var judged = Judge(GateExamples.NothingFooled(), Approved(GateExamples.Result()));

        judged.Verdict.Should().Be(Verdict.Inconclusive);
        judged.Reason.Should().Contain("meanL2 is undefined: the attack fooled none of the 80 images, so there is no distortion to hold");
        judged.Metrics.Single(m => m.Metric == "meanL2").Verdict.Should().Be(Verdict.Inconclusive);
    }

    [Fact]
    public void A_non_finite_held_metric_is_inconclusive()
    {
        var judged = Judge(GateExamples.Result().WithMeanL2(double.NaN), Approved(GateExamples.Result()));

        judged.Verdict.Should().Be(Verdict.Inconclusive);
        judged.Reason.Should().Contain("meanL2 is not a number (NaN)");
        judged.Snapshot.Metrics["meanL2"].Should().BeNull("a snapshot records a non-finite value as undefined");
    }

    [Fact]
    public void A_tracked_metric_that_became_undefined_fails_as_a_move()
    {
        // The success rate is held (0.8 -> 0 is itself a move); the distortions are only tracked and all become undefined.
        var check = GateExamples.Check(GateExamples.Hold("successRate"));

        var judged = Judge(GateExamples.NothingFooled(), Approved(GateExamples.Result()), check);

        judged.Verdict.Should().Be(Verdict.Fail);
        judged.Reason.Should().Contain("meanL2 moved from 1.5 to undefined, beyond its tolerance");
        judged.SnapshotMoved.Should().BeTrue();
    }

    [Fact]
    public void Without_an_approved_baseline_the_check_is_inconclusive_naming_the_file_and_the_approve_command()
    {
        var judged = Judge(GateExamples.Result(), baseline: null);

        judged.Verdict.Should().Be(Verdict.Inconclusive);
        judged.SnapshotMoved.Should().BeTrue("the received snapshot is what gets approved");
        judged.Reason.Should().Be($"no approved baseline {ApprovedPath}: review the received snapshot beside it and approve it ('robustness-gate approve --check lenet-pgd')");
        judged.Snapshot.Verdict.Should().Be("pass", "the snapshot records the measurement against its bands and frontier, not the missing baseline it is about to become");
    }

    [Fact]
    public void A_baseline_measured_with_other_attack_parameters_is_inconclusive_naming_both()
    {
        var other = PgdAttack.Definition.Configure(AttackPreset.Strong, o => o with { Epsilon = 0.1 });
        var baseline = Approved(GateExamples.Result(other));

        var judged = Judge(GateExamples.Result(), baseline);

        judged.Verdict.Should().Be(Verdict.Inconclusive);
        judged.SnapshotMoved.Should().BeTrue();
        judged.Reason.Should().Match($"the approved baseline {ApprovedPath} was measured with another protocol (attack pgd|strong|*epsilon=0.1;* -> pgd|strong|*epsilon=0.3;*): review the received snapshot and approve it");
        judged.Metrics.Should().OnlyContain(m => m.Baseline == null, "values of another protocol are not compared");
    }

    [Fact]
    public void A_baseline_measured_on_other_images_is_inconclusive_naming_both_fingerprints()
    {
        var baseline = Approved(GateExamples.Result() with { Dataset = new DatasetInfo("mnist-test", 100, GateExamples.OtherDataSha) });

        var judged = Judge(GateExamples.Result(), baseline);

        judged.Verdict.Should().Be(Verdict.Inconclusive);
        judged.Reason.Should().Contain("another protocol (data mnist-test x 100 (sha256 dddddddddddd) -> mnist-test x 100 (sha256 bbbbbbbbbbbb))");
    }

    [Fact]
    public void A_baseline_of_another_target_seed_and_count_names_each_difference()
    {
        var baseline = Approved(GateExamples.Result() with
        {
            Target = "random",
            Seed = 7,
            Dataset = new DatasetInfo("mnist-test", 50, GateExamples.DataSha),
        });

        var judged = Judge(GateExamples.Result(), baseline);

        judged.Verdict.Should().Be(Verdict.Inconclusive);
        judged.Reason.Should().Contain("data mnist-test x 50 ").And.Contain("-> mnist-test x 100 ")
            .And.Contain("target random -> untargeted").And.Contain("seed 7 -> 1215");
    }

    [Fact]
    public void A_weaker_model_with_another_fingerprint_is_compared_with_the_baseline_and_the_change_is_noted()
    {
        var weaker = GateExamples.Result().WithMeanL2(1.3) with { Model = new ModelInfo("lenet", GateExamples.WeakerModelSha) };

        var judged = Judge(weaker, Approved(GateExamples.Result()));

        judged.Verdict.Should().Be(Verdict.Fail);
        judged.Reason.Should().Be(
            "meanL2 regressed from 1.5 to 1.3 (-0.2, -13.3 %, 4 standard errors), beyond its tolerance 0.1 = max(0, 0.01 x baseline, 2 standard errors)\n"
            + "note: the model changed since the baseline (sha256 aaaaaaaaaaaa -> cccccccccccc)");
    }

    [Fact]
    public void A_retrained_model_that_measures_the_same_passes()
    {
        var retrained = GateExamples.Result() with { Model = new ModelInfo("lenet", GateExamples.WeakerModelSha) };

        var judged = Judge(retrained, Approved(GateExamples.Result()));

        judged.Verdict.Should().Be(Verdict.Pass);
        judged.SnapshotMoved.Should().BeFalse();
    }

    [Fact]
    public void A_failing_frontier_fails_the_check_and_its_reason_is_given()
    {
        var frontier = new FrontierOutcome("/repo/frontiers/cw-untargeted-l2.json", "L2", 0.97, 1.04, 1.3, -0.26, -0.2, "behind", ["b", "c"], 0.1,
            Verdict.Fail, "behind the frontier by 0.26");

        var judged = Judge(GateExamples.Result(), Approved(GateExamples.Result()), frontier: frontier);

        judged.Verdict.Should().Be(Verdict.Fail);
        judged.Reason.Should().Be("frontier: behind the frontier by 0.26");
        judged.Frontier.Should().BeSameAs(frontier);
        judged.SnapshotMoved.Should().BeFalse();
    }

    [Fact]
    public void A_passing_frontier_adds_no_reason()
    {
        var frontier = new FrontierOutcome("f.json", "L2", 0.97, 1.5, 1.3, 0.2, 0.15, "beyond", ["b", "c"], 0.1, Verdict.Pass, "beyond the frontier");

        var judged = Judge(GateExamples.Result(), Approved(GateExamples.Result()), frontier: frontier);

        judged.Verdict.Should().Be(Verdict.Pass);
        judged.Reason.Should().BeEmpty();
    }

    [Fact]
    public void Inconclusive_outranks_fail_and_every_reason_is_listed()
    {
        var frontier = new FrontierOutcome("f.json", "L2", 0.97, 1.04, 1.3, -0.26, -0.2, "behind", ["b", "c"], 0.1, Verdict.Fail, "behind");

        var judged = Judge(GateExamples.Result().WithMeanL2(1.3), baseline: null, frontier: frontier);

        judged.Verdict.Should().Be(Verdict.Inconclusive);
        judged.Reason.Split('\n').Should().HaveCount(2).And.Contain("frontier: behind");
    }

    [Fact]
    public void The_snapshot_records_the_verdict_of_the_run_against_its_bands_and_frontier()
    {
        var judged = Judge(GateExamples.Result().WithMeanL2(1.3), Approved(GateExamples.Result()));

        judged.Verdict.Should().Be(Verdict.Fail, "meanL2 regressed beyond its tolerance");
        judged.Snapshot.Verdict.Should().Be("pass", "a regression against the baseline is not part of the measurement's own verdict");
        judged.Snapshot.Metrics["meanL2"].Should().Be(1.3);
        judged.Snapshot.Check.Should().Be(GateExamples.CheckId);
    }

    [Fact]
    public void A_held_metric_missing_from_an_older_baseline_is_inconclusive_and_leaves_a_received_snapshot()
    {
        var old = Approved(GateExamples.Result());
        var baseline = old with { Metrics = old.Metrics.Where(m => m.Key != "meanL2").ToDictionary(m => m.Key, m => m.Value) };

        var judged = Judge(GateExamples.Result(), baseline);

        judged.Verdict.Should().Be(Verdict.Inconclusive);
        judged.Reason.Should().Contain("meanL2 is not in the approved baseline");
        judged.SnapshotMoved.Should().BeTrue("the received snapshot holding meanL2 waits for approval");
    }
}
