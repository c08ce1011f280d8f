using System.Text.Json.Nodes;
using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Attacks.CarliniWagner;
using RobustnessGate.Attacks.Fgsm;
using RobustnessGate.Attacks.Pgd;
using RobustnessGate.Evaluation;
using RobustnessGate.Evaluation.Sanity;
using RobustnessGate.Gate;
using RobustnessGate.Models;
using RobustnessGate.Reporting;
using RobustnessSpecs.Gate;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Evaluation;

/// <summary>
/// The sanity checks on purpose-built broken models (TestSupport: <see cref="SanityModels"/>): each broken model raises its
/// flag, clean models raise none, and the gate calls a flagged result inconclusive unless the check accepts the code.
/// </summary>
public sealed class SanitySpecs
{
    private static readonly EvaluationOptions Hundred = new(TargetMode.Untargeted, 100);

    private static PgdAttack Pgd(double epsilon, int steps = 40, double stepSize = 0.01) => new(new PgdOptions(epsilon, steps, stepSize));

    private static IEnumerable<string> Codes(EvaluationResult r) => r.Sanity!.Select(f => f.Code);

    [Fact]
    public void A_model_returning_NaN_logits_is_refused_before_any_attack_naming_the_model_the_code_and_how_many_rows_are_not_finite()
    {
        using var model = SanityModels.NaN();

        var run = () => Evaluator.Run(model, TestModels.MnistTest, Pgd(0.3), Hundred);

        run.Should().Throw<ModelContractException>().WithMessage(
            "sanity check non-finite-logits (error): model 'nan-linear' returned NaN or infinite logits for 50 of 100 images of mnist-test (first: image 1)*nothing was attacked*");
    }

    [Fact]
    public void A_model_that_rounds_and_detaches_its_input_shows_zero_percent_PGD_success_and_is_flagged_for_zero_gradients_and_for_noise_beating_the_attack()
    {
        using var masked = SanityModels.Masked();
        using var plain = TestModels.Linear();

        var r = Evaluator.Run(masked, TestModels.MnistTest, Pgd(0.3), Hundred);
        var unmasked = Evaluator.Run(plain, TestModels.MnistTest, Pgd(0.3), Hundred);

        r.SuccessRate.Should().Be(0, "the input gradient is exactly zero, so PGD never moves");
        unmasked.SuccessRate.Should().BeGreaterThan(0.8, "the same linear model without the rounding layer is broken at eps 0.3 (measured 87 %)");
        Codes(r).Should().Contain([SanityCodes.ZeroGradients, SanityCodes.NoiseBeatsAttack]);
        r.Sanity!.Should().OnlyContain(f => f.Severity == SanitySeverity.Warning);
        r.Sanity!.Single(f => f.Code == SanityCodes.ZeroGradients).Message.Should().StartWith($"the input gradient of the margin loss is all zero or not finite at {r.Attacked} of {r.Attacked} attacked images");
        r.Sanity!.Single(f => f.Code == SanityCodes.NoiseBeatsAttack).Message.Should().MatchRegex(@"^uniform random noise within the budget \(Linf 0\.3, 4 draws per image\) fooled [1-9]\d* of the \d+ images attack 'pgd' left unbroken");
        Codes(unmasked).Should().BeEmpty();
    }

    [Fact]
    public void A_model_with_dropout_left_in_train_mode_is_flagged_as_nondeterministic()
    {
        using var model = SanityModels.Dropout();

        var r = Evaluator.Run(model, TestModels.MnistTest, new FgsmAttack(new FgsmOptions(0.1)), Hundred);

        Codes(r).Should().Contain(SanityCodes.NondeterministicForward);
        r.Sanity!.Single(f => f.Code == SanityCodes.NondeterministicForward).Message.Should().StartWith("two forward passes of the same first 100 images differ in ");
    }

    [Fact]
    public void The_built_in_LeNet_under_PGD_and_the_linear_model_under_FGSM_raise_no_flag_and_result_json_still_writes_an_empty_sanity_list()
    {
        using var lenet = ModelLoader.Load("lenet");
        using var linear = TestModels.Linear();

        var pgd = Evaluator.Run(lenet, TestModels.MnistTest, Pgd(0.1, 20, 0.01), Hundred);
        var fgsm = Evaluator.Run(linear, TestModels.MnistTest, new FgsmAttack(new FgsmOptions(0.1)), Hundred);

        pgd.Sanity.Should().NotBeNull().And.BeEmpty();
        fgsm.Sanity.Should().NotBeNull().And.BeEmpty();
        ResultJson.Serialize(pgd).Should().Contain("\"sanity\": []");
        SummaryText.Format(pgd).Should().Contain("sanity       no findings");
    }

    [Fact]
    public void A_model_on_which_half_the_FGSM_budget_fools_more_than_the_full_budget_is_flagged_as_not_monotone()
    {
        using var wavy = SanityModels.Wavy();

        var full = Evaluator.Run(wavy, TestModels.MnistTest, new FgsmAttack(new FgsmOptions(0.2)), Hundred);
        var half = Evaluator.Run(wavy, TestModels.MnistTest, new FgsmAttack(new FgsmOptions(0.1)), Hundred);

        half.SuccessRate.Should().BeGreaterThan(full.SuccessRate!.Value, "the model is built so (measured 83 % at 0.1, 60 % at 0.2)");
        Codes(full).Should().Contain(SanityCodes.SuccessNotMonotone);
        full.Sanity!.Single(f => f.Code == SanityCodes.SuccessNotMonotone).Message.Should().MatchRegex(
            @"^attack 'fgsm' with half its budget \(Linf 0\.1\) fooled [1-9]\d* of 16 images it left unbroken at 0\.2 \(first: image \d+\)");
        Codes(half).Should().NotContain(SanityCodes.SuccessNotMonotone);
    }

    [Fact]
    public void A_budgetless_attack_that_leaves_attacked_images_unbroken_is_flagged_but_bounded_attacks_and_complete_runs_are_not()
    {
        var cw = CwAttack.Definition.Configure(AttackPreset.Strong).Create();

        var flag = SanityChecks.UnboundedNotTotal(cw, 10, 9);

        flag.Should().NotBeNull();
        flag!.Code.Should().Be(SanityCodes.UnboundedNotTotal);
        flag.Message.Should().StartWith("attack 'cw' has no budget, so every image has an adversarial example, yet it left 1 of 10 attacked images unbroken");
        SanityChecks.UnboundedNotTotal(cw, 10, 10).Should().BeNull();
        SanityChecks.UnboundedNotTotal(Pgd(0.1), 10, 0).Should().BeNull("a bounded attack may leave images unbroken");
    }

    [Fact]
    public void Flags_round_trip_through_result_json_and_are_printed_in_the_summary()
    {
        var flag = new SanityFlag(SanityCodes.ZeroGradients, SanitySeverity.Warning, "the input gradient is zero at 3 of 10 attacked images");
        var result = GateExamples.Result() with { Sanity = [flag] };
        var dir = Paths.TempDirectory();
        EvaluationResult read;
        try
        {
            ResultJson.Write(Path.Combine(dir, "result.json"), result);
            read = ResultJson.Read(Path.Combine(dir, "result.json"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        read.Sanity.Should().Equal(flag);
        SummaryText.Format(read).Should().Contain("sanity       warning zero-gradients: the input gradient is zero at 3 of 10 attacked images");
    }

    [Fact]
    public void The_gate_calls_a_result_with_a_sanity_warning_inconclusive_naming_the_code_and_the_message()
    {
        var flag = new SanityFlag(SanityCodes.ZeroGradients, SanitySeverity.Warning, "the input gradient is zero at 3 of 10 attacked images");
        var result = GateExamples.Result() with { Sanity = [flag] };

        var judged = GateJudge.Judge(GateExamples.Check(), result, GateSnapshot.Of(GateExamples.CheckId, result, Verdict.Pass), "approved.json", null, cached: false);

        judged.Verdict.Should().Be(Verdict.Inconclusive);
        judged.Reason.Should().StartWith("sanity warning zero-gradients: the input gradient is zero at 3 of 10 attacked images; the measurement may be silently weak");
        judged.Reason.Should().Contain("\"acceptSanity\": { \"zero-gradients\": \"why\" }");
    }

    [Fact]
    public void The_gate_judges_a_flagged_result_normally_when_the_check_accepts_its_code_with_a_reason()
    {
        var flag = new SanityFlag(SanityCodes.ZeroGradients, SanitySeverity.Warning, "the input gradient is zero at 3 of 10 attacked images");
        var result = GateExamples.Result() with { Sanity = [flag] };
        var check = GateExamples.Check() with { AcceptSanity = new Dictionary<string, string> { [SanityCodes.ZeroGradients] = "a quantised model, known" } };

        var judged = GateJudge.Judge(check, result, GateSnapshot.Of(GateExamples.CheckId, result, Verdict.Pass), "approved.json", null, cached: false);

        judged.Verdict.Should().Be(Verdict.Pass);
    }

    [Fact]
    public void The_gate_on_the_gradient_masking_model_is_inconclusive_and_judged_normally_once_both_of_its_flags_are_accepted()
    {
        using var masked = SanityModels.Masked();
        var result = Evaluator.Run(masked, TestModels.MnistTest, Pgd(0.3), Hundred);
        var baseline = GateSnapshot.Of(GateExamples.CheckId, result, Verdict.Pass);
        var check = GateExamples.Check(GateExamples.Hold("successRate"));
        var accepted = check with
        {
            AcceptSanity = Codes(result).ToDictionary(c => c, c => "the spec's model masks its gradient on purpose"),
        };

        var flagged = GateJudge.Judge(check, result, baseline, "approved.json", null, cached: false);
        var judged = GateJudge.Judge(accepted, result, baseline, "approved.json", null, cached: false);

        flagged.Verdict.Should().Be(Verdict.Inconclusive);
        flagged.Reason.Should().Contain("sanity warning zero-gradients: ").And.Contain("sanity warning noise-beats-attack: ");
        judged.Verdict.Should().Be(Verdict.Pass, "with the flags accepted, 0 % success equals its baseline and breaks no band");
    }

    [Fact]
    public void A_cached_result_carries_its_flags_and_one_cached_before_sanity_checks_existed_is_measured_again()
    {
        var dir = Paths.TempDirectory();
        try
        {
            var thresholds = Path.Combine(dir, "gate.json");
            File.WriteAllText(thresholds, """
                { "schemaVersion": 2, "checks": [ { "id": "lenet-fgsm", "model": "lenet", "attack": "fgsm", "options": { "epsilon": 0.1 }, "count": 20,
                  "metrics": { "successRate": {} } } ] }
                """);
            var file = ThresholdFile.Load(thresholds);
            var options = new GateRunOptions(Path.Combine(dir, "approved"), Path.Combine(dir, "cache"));
            using (var first = new GateSession(file, options))
                first.Run("lenet-fgsm").Result.Sanity.Should().NotBeNull().And.BeEmpty();
            using (var cached = new GateSession(file, options))
            {
                var hit = cached.Run("lenet-fgsm");
                hit.Cached.Should().BeTrue();
                hit.Result.Sanity.Should().NotBeNull("the cache stores the whole result, flags included");
            }
            var entry = Directory.GetFiles(Path.Combine(dir, "cache"), "*.json", SearchOption.AllDirectories).Single();
            var json = JsonNode.Parse(File.ReadAllText(entry))!;
            json["result"]!.AsObject().Remove("sanity").Should().BeTrue();
            File.WriteAllText(entry, json.ToJsonString());

            using var old = new GateSession(file, options);
            var again = old.Run("lenet-fgsm");

            again.Cached.Should().BeFalse("a result without a 'sanity' field was never checked, so it is not trusted as clean");
            again.Result.Sanity.Should().NotBeNull();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
