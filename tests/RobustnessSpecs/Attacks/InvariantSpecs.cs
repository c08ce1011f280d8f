using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Attacks.CarliniWagner;
using RobustnessGate.Attacks.Ead;
using RobustnessGate.Attacks.Fgsm;
using RobustnessGate.Attacks.FgsmSweep;
using RobustnessGate.Attacks.IterativeFgsm;
using RobustnessGate.Evaluation;
using Xunit;
using static TorchSharp.torch;

namespace RobustnessSpecs.Attacks;

/// <summary>Metamorphic checks (relations any correct attack must satisfy, in the spirit of Zimmermann et al., NeurIPS 2022) for the four minimal-distortion attacks, on the linear model with small budgets.</summary>
public sealed class InvariantSpecs(LinearFixture fixture) : IClassFixture<LinearFixture>
{
    /// <summary>
    /// Batch and single runs differ only by float32 summation order inside the matrix product (about 1e-7 relative per
    /// logit); through a few hundred optimiser steps that stays far below 1e-4, while any mixing of examples (shared c, shared
    /// early abort, shared Adam state) changes distortions by whole per cents.
    /// </summary>
    private const double BatchTolerance = 1e-4;

    public static TheoryData<string> Attacks => new() { "cw", "ead", "ifgsm", "fgsm-sweep" };

    private static IAttack Small(string name) => name switch
    {
        "cw" => new CwAttack(new CwOptions(BinarySteps: 3, Iterations: 100, LearningRate: 0.01, InitialConst: 0.1, Adam: CwAdam.TensorFlow)),
        "ead" => new EadAttack(new EadOptions(BinarySteps: 3, Iterations: 100, InitialConst: 0.1)),
        "ifgsm" => new IfgsmAttack(new IfgsmOptions(Attempts: 5, Iterations: 10)),
        "fgsm-sweep" => new FgsmSweepAttack(new FgsmSweepOptions(EpsilonStep: 0.005, MaxEpsilon: 0.5)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public void A_batch_gives_the_same_per_example_results_as_single_examples(string name)
    {
        var data = fixture.Data.Take(8);
        var batched = Evaluator.Run(fixture.Model.Classifier, data, Small(name), new EvaluationOptions(BatchSize: 8));
        var single = Evaluator.Run(fixture.Model.Classifier, data, Small(name), new EvaluationOptions(BatchSize: 1));
        batched.Succeeded.Should().BeGreaterThan(0);
        for (int i = 0; i < data.Count; i++)
        {
            var (b, s) = (batched.Examples[i], single.Examples[i]);
            b.Success.Should().Be(s.Success, $"image {i}");
            if (b.Success)
                b.L2!.Value.Should().BeApproximately(s.L2!.Value, BatchTolerance * s.L2.Value, $"image {i}");
        }
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void The_attack_bookkeeping_agrees_with_the_fresh_forward_pass(string name)
    {
        // Each attack reports a per-example value ("const" or "epsilon") exactly where its own success test passed; the
        // Evaluator re-checks the returned image in a separate forward pass. Both must agree on every example.
        var r = Evaluator.Run(fixture.Model.Classifier, fixture.Data, Small(name), new EvaluationOptions());
        r.Succeeded.Should().BeGreaterThan(0);
        string key = name is "cw" or "ead" ? "const" : "epsilon";
        foreach (var e in r.Examples.Where(e => e.Attacked))
            (e.Extra![key] is not null).Should().Be(e.Success, $"image {e.Index}");
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void A_targeted_success_means_the_argmax_is_the_target(string name)
    {
        foreach (var target in new[] { TargetMode.Top2, TargetMode.LeastLikely, TargetMode.Random })
        {
            var r = Evaluator.Run(fixture.Model.Classifier, fixture.Data, Small(name), new EvaluationOptions(Target: target));
            r.Succeeded.Should().BeGreaterThan(0, $"{target}");
            foreach (var e in r.Examples.Where(e => e.Success))
                e.AdversarialPrediction.Should().Be(e.Target, $"image {e.Index}, {target}");
        }
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Results_stay_in_the_box(string name)
    {
        using var x = fixture.Data.ImagesTensor();
        using var y = fixture.Data.LabelsTensor();
        using var t = tensor(Enumerable.Range(0, fixture.Data.Count).Select(i => (fixture.Data.Labels[i] + 3) % 10).ToArray());
        using var output = Small(name).Run(new AttackBatch(fixture.Model.Classifier, x, y, t, 1));
        output.Adversarial.min().item<float>().Should().BeGreaterThanOrEqualTo(0);
        output.Adversarial.max().item<float>().Should().BeLessThanOrEqualTo(1);
        output.Adversarial.shape.Should().Equal(x.shape);
    }

    [Fact]
    public void Epsilon_zero_changes_nothing()
    {
        using var x = fixture.Data.ImagesTensor();
        using var y = fixture.Data.LabelsTensor();
        foreach (var attack in new IAttack[] { new IfgsmAttack(new IfgsmOptions(InitialEpsilon: 0, Attempts: 3)), new FgsmSweepAttack(new FgsmSweepOptions(MaxEpsilon: 0)) })
        {
            using var output = attack.Run(new AttackBatch(fixture.Model.Classifier, x, y, null, 1));
            output.Adversarial.eq(x).all().item<bool>().Should().BeTrue(attack.Name);
        }
    }

    [Fact]
    public void Failed_examples_come_back_as_the_clean_image()
    {
        // c = 1e-9 makes the margin term negligible, so C&W and EAD never succeed; the clean image must come back bit for bit
        // (not its tanh round trip, nor a NaN placeholder as in the reference code).
        using var x = fixture.Data.ImagesTensor();
        using var y = fixture.Data.LabelsTensor();
        foreach (var attack in new IAttack[] { new CwAttack(new CwOptions(BinarySteps: 1, Iterations: 20, InitialConst: 1e-9)), new EadAttack(new EadOptions(BinarySteps: 1, Iterations: 20, InitialConst: 1e-9)) })
        {
            using var output = attack.Run(new AttackBatch(fixture.Model.Classifier, x, y, null, 1));
            var constants = output.PerExample["const"];
            // Misclassified digits count as fooled at once; every correctly classified one must fail and come back unchanged.
            var correct = Enumerable.Range(0, fixture.Data.Count).Where(i => fixture.Oracle.Logits(fixture.Data.Pixels(i)).Index().MaxBy(p => p.Item).Index == fixture.Data.Labels[i]).ToList();
            correct.Should().HaveCountGreaterThan(10);
            foreach (var i in correct)
            {
                double.IsNaN(constants[i]).Should().BeTrue($"{attack.Name} image {i}");
                output.Adversarial[i].eq(x[i]).all().item<bool>().Should().BeTrue($"{attack.Name} image {i}");
            }
        }
    }

    [Fact]
    public void Success_rate_never_falls_as_epsilon_grows()
    {
        double previous = 0;
        foreach (var eps in new[] { 0.0, 0.02, 0.04, 0.06, 0.1, 0.2 })
        {
            // One attempt is plain I-FGSM at a fixed budget (and the Evaluator then checks that budget).
            var r = Evaluator.Run(fixture.Model.Classifier, fixture.Data, new IfgsmAttack(new IfgsmOptions(InitialEpsilon: eps, Attempts: 1, Iterations: 10)), new EvaluationOptions());
            r.SuccessRate!.Value.Should().BeGreaterThanOrEqualTo(previous, $"eps {eps}");
            previous = r.SuccessRate.Value;
        }
        previous.Should().Be(1);
    }

    [Fact]
    public void The_sweep_finds_every_image_that_plain_fgsm_fools_at_a_grid_budget()
    {
        var sweep = Evaluator.Run(fixture.Model.Classifier, fixture.Data, new FgsmSweepAttack(new FgsmSweepOptions(EpsilonStep: 0.01, MaxEpsilon: 0.3)), new EvaluationOptions());
        sweep.SuccessCurve.Should().NotBeNull();
        sweep.SuccessCurve!.Select(p => p.SuccessRate).Should().BeInAscendingOrder();
        foreach (var eps in new[] { 0.03, 0.05, 0.1 })
        {
            var fgsm = Evaluator.Run(fixture.Model.Classifier, fixture.Data, new FgsmAttack(new FgsmOptions(eps, Loss: AttackLoss.Logit)), new EvaluationOptions());
            foreach (var e in fgsm.Examples.Where(e => e.Success))
                sweep.Examples[e.Index].Extra!["epsilon"].Should().BeLessThanOrEqualTo(eps + 1e-12, $"image {e.Index} at eps {eps}");
            double curveAt = sweep.SuccessCurve.LastOrDefault(p => p.Epsilon <= eps + 1e-12)?.SuccessRate ?? 0;
            curveAt.Should().BeGreaterThanOrEqualTo(fgsm.SuccessRate!.Value);
        }
    }
}
