using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Attacks.CarliniWagner;
using RobustnessGate.Attacks.Ead;
using RobustnessGate.Attacks.FgsmSweep;
using RobustnessGate.Attacks.IterativeFgsm;
using RobustnessGate.Evaluation;
using Xunit;
using Xunit.Abstractions;

namespace RobustnessSpecs.Attacks;

/// <summary>
/// Attacks against the exact minimal distortions of a linear model (<see cref="LinearOracle"/>) on the first
/// <see cref="LinearFixture.Count"/> test digits. Measured gaps are printed (run with a detailed console logger).
/// </summary>
public sealed class ExactAnswerSpecs(LinearFixture fixture, ITestOutputHelper output) : IClassFixture<LinearFixture>
{
    /// <summary>
    /// Tuned C&amp;W (TensorFlow Adam, lr 0.01, c0 0.001, 9 x 1000) against the exact untargeted minimum: the 2 %,
    /// measured 0.86 % on the 86 correctly classified digits of the first 100. The untargeted region is a union of
    /// half-spaces, so the problem is not convex: the margin loss follows the class closest in logits, which on a few images
    /// is not the class closest in L2 (image 2 ends 17 % above its minimum). On a 20-image prefix that one image alone
    /// lifts the mean gap to 2.4 %, which is why the fixture uses 100 images, the study's own sample size.
    /// Against the exact minimum for the class it ended in (a convex problem: one half-space and the box) the measured gap
    /// is 0.05 %; 0.5 % leaves a factor of 10.
    /// </summary>
    private const double TunedCwGapUntargeted = 0.02;
    private const double TunedCwGapToItsClass = 0.005;

    public static TheoryData<string> FastAttacks => new() { "cw-tuned", "ead-paper", "ead-score-10", "ifgsm-logit", "ifgsm-margin", "sweep-logit", "sweep-margin" };

    [Fact]
    public void The_oracle_is_never_below_the_box_free_closed_form()
    {
        // Without the box the minimal L2 distance to the j-boundary is m / ||a||_2 (the linear case of DeepFool, Moosavi-Dezfooli et al. CVPR 2016); the box only adds constraints.
        var oracle = fixture.Model.Oracle;
        for (int i = 0; i < LinearFixture.Count; i++)
        {
            var x = fixture.Data.Pixels(i);
            long y = fixture.Data.Labels[i];
            var z = oracle.Logits(x);
            if (z.Select((v, k) => (v, k)).MaxBy(p => p.v).k != y)
                continue;
            double boxFree = Enumerable.Range(0, 10).Where(j => j != y).Min(j =>
            {
                double norm = Math.Sqrt(Enumerable.Range(0, 784).Sum(p => Math.Pow(fixture.Model.Weights[j * 784 + p] - fixture.Model.Weights[y * 784 + p], 2)));
                return (z[y] - z[j]) / norm;
            });
            fixture.Exact[i].L2.Should().BeGreaterThanOrEqualTo(boxFree * (1 - 1e-9));
            fixture.Exact[i].Linf.Should().BeLessThanOrEqualTo(fixture.Exact[i].L2 + 1e-12, "||d||_inf <= ||d||_2 for the L2 minimiser");
        }
    }

    [Theory]
    [MemberData(nameof(FastAttacks))]
    public void No_attack_reports_a_distortion_below_the_exact_minimum(string key) => NeverBelowExact(Run(key));

    [Fact]
    [Trait("Category", "Slow")]
    public void Cw_with_the_paper_settings_never_reports_a_distortion_below_the_exact_minimum() => NeverBelowExact(Run("cw-paper"));

    private void NeverBelowExact(EvaluationResult result)
    {
        result.Succeeded.Should().BeGreaterThan(0);
        foreach (var e in result.Examples.Where(e => e.Success))
        {
            var exact = fixture.Exact[e.Index];
            e.L2!.Value.Should().BeGreaterThanOrEqualTo(exact.L2 * (1 - ExactGap.BelowExactTolerance), $"image {e.Index} L2");
            e.Linf!.Value.Should().BeGreaterThanOrEqualTo(exact.Linf * (1 - ExactGap.BelowExactTolerance), $"image {e.Index} Linf");
            e.L1!.Value.Should().BeGreaterThanOrEqualTo(exact.L1 * (1 - ExactGap.BelowExactTolerance), $"image {e.Index} L1");
        }
    }

    /// <summary>
    /// The strong preset of each minimal-distortion attack, with no other option, against the exact minimum of the norm it
    /// minimises. The targets are the gate's promise that a default run does not overstate robustness by more than this:
    /// C&amp;W L2 2 %, I-FGSM and the FGSM sweep L-inf 5 % (the search resolution: 9 attempts bracket and bisect to about 3 %
    /// of eps; the sweep grid of 0.0005 is about 1 % of eps ~0.05), EAD L1 10 %. Measured on these 100 digits (86 attacked):
    /// C&amp;W +0.23 %, I-FGSM +0.98 %, FGSM sweep +0.87 %, EAD +5.17 %; on two other linear models (small and large
    /// weights) the same presets stayed within 0.5 %, 1 %, 5.7 % and 2.7 %. The best of the untargeted run and two candidate
    /// target classes is what brings C&amp;W and the L-inf attacks this close: alone, the untargeted run follows the class
    /// nearest in logits and ended 3.5 % (C&amp;W) and 4.5 % (I-FGSM) above the exact minimum on the large-weight model.
    /// A result below the exact minimum is a bug, checked for every image.
    /// </summary>
    [Theory]
    [InlineData("cw", "l2", 0.02)]
    [InlineData("ifgsm", "linf", 0.05)]
    [InlineData("fgsm-sweep", "linf", 0.05)]
    [InlineData("ead", "l1", 0.10)]
    public void The_strong_preset_comes_within_its_target_of_the_exact_minimum(string attack, string norm, double target)
    {
        var result = Run(attack + "-strong");
        result.Attack.Preset.Should().Be("strong");
        var (mean, exact) = ExactGap.Of(result, fixture.Exact, norm);
        output.WriteLine($"{attack} strong: success {result.SuccessRate:P1}, mean {norm} {mean:F4}, exact {exact:F4}, gap {100 * (mean / exact - 1):F2} %");
        result.SuccessRate.Should().Be(1);
        mean.Should().BeLessThanOrEqualTo(exact * (1 + target));
    }

    [Fact]
    public void Cw_finds_the_exact_minimum_on_a_linear_model()
    {
        var result = Run("cw-tuned");
        result.SuccessRate.Should().Be(1);
        var (attack, exact) = Means(result, e => e.L2!.Value, x => x.L2);
        var oracle = fixture.Model.Oracle;
        var ok = result.Examples.Where(e => e.Success).ToList();
        double toItsClass = ok.Average(e => oracle.L2ToClass(fixture.Data.Pixels(e.Index), e.Label, e.AdversarialPrediction!.Value));
        output.WriteLine($"C&W tuned: mean L2 {attack:F4}, exact {exact:F4} (gap {100 * (attack / exact - 1):F2} %), exact for the class reached {toItsClass:F4} (gap {100 * (attack / toItsClass - 1):F2} %)");
        attack.Should().BeLessThanOrEqualTo(toItsClass * (1 + TunedCwGapToItsClass));
        attack.Should().BeLessThanOrEqualTo(exact * (1 + TunedCwGapUntargeted));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Cw_with_the_reference_adam_cannot_move_pixels_on_the_box_edges()
    {
        // Su et al.'s Adam divides by sqrt(v + 1e-8) >= 1e-4; saturated tanh pixels have gradients ~1e-7, so they stay put and
        // the L2 found is far above the minimum on MNIST (mostly 0 or 1 pixels). Measured: about +90 %. The TensorFlow form fixes it.
        var paper = Run("cw-paper");
        var (attack, exact) = Means(paper, e => e.L2!.Value, x => x.L2);
        output.WriteLine($"C&W paper settings: mean L2 {attack:F4}, exact {exact:F4}, gap {100 * (attack / exact - 1):F2} %");
        attack.Should().BeGreaterThan(exact * 1.3);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Ead_has_a_smaller_l1_than_cw_on_the_same_images()
    {
        var cw = Run("cw-paper");
        var ead = Run("ead-paper");
        var both = cw.Examples.Where(e => e.Success && ead.Examples[e.Index].Success).Select(e => e.Index).ToList();
        both.Should().NotBeEmpty();
        double cwL1 = both.Average(i => cw.Examples[i].L1!.Value), eadL1 = both.Average(i => ead.Examples[i].L1!.Value);
        output.WriteLine($"L1 on {both.Count} images: C&W {cwL1:F3}, EAD {eadL1:F3}, exact {both.Average(i => fixture.Exact[i].L1):F3}");
        eadL1.Should().BeLessThan(cwL1);
    }

    [Fact]
    public void Ead_scoring_every_tenth_iterate_stays_close_to_the_reference()
    {
        // --score-every 10 returns the best of every tenth iterate instead of every iterate. Near the end of a step the FISTA
        // iterates move by at most lr * sqrt(1 - k / K) per step, so the best of a sparser sample is only slightly worse; a
        // step whose only successes fall between samples is counted as a failure and c grows instead (more distortion).
        // Measured: LeNet, 96 digits, mean L1 +0.54 % (14.578 against 14.500), same success; here +0.33 % (8.650 against 8.621).
        // 2 % bounds these; the sparse run must never do better than the exact minimum either (see the theory above).
        var reference = Run("ead-paper");
        var sparse = Run("ead-score-10");
        sparse.SuccessRate.Should().Be(reference.SuccessRate);
        var both = reference.Examples.Where(e => e.Success && sparse.Examples[e.Index].Success).Select(e => e.Index).ToList();
        double referenceL1 = both.Average(i => reference.Examples[i].L1!.Value), sparseL1 = both.Average(i => sparse.Examples[i].L1!.Value);
        double referenceScores = reference.Examples.Sum(e => e.Extra?["scoring-passes"] ?? 0), sparseScores = sparse.Examples.Sum(e => e.Extra?["scoring-passes"] ?? 0);
        output.WriteLine($"EAD score-every 10: mean L1 {sparseL1:F4} against {referenceL1:F4} ({100 * (sparseL1 / referenceL1 - 1):F2} %), scoring passes {sparseScores} against {referenceScores}");
        sparseL1.Should().BeLessThanOrEqualTo(referenceL1 * 1.02);
        sparseScores.Should().BeLessThan(referenceScores / 3, "scoring every tenth iterate (plus checkpoints and last iterates) must save most scoring passes");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Ead_approaches_the_exact_l1_minimum_as_beta_grows()
    {
        var gaps = new List<double>();
        foreach (var beta in new[] { 1e-3, 1e-2, 1e-1, 1 })
        {
            var r = fixture.Run($"ead-beta-{beta}", new EadAttack(new EadOptions(Beta: beta)));
            var (attack, exact) = Means(r, e => e.L1!.Value, x => x.L1);
            gaps.Add(attack / exact - 1);
            output.WriteLine($"EAD beta {beta}: success {r.SuccessRate:P1}, mean L1 {attack:F3}, exact {exact:F3}, gap {100 * gaps[^1]:F1} %");
        }
        gaps[^1].Should().BeLessThan(gaps[0], "a larger L1 weight must bring EAD's L1 closer to the L1 minimum");
    }

    [Theory]
    [InlineData("ifgsm-logit", 0.60)]
    [InlineData("ifgsm-margin", 0.05)]
    [InlineData("sweep-logit", 0.60)]
    [InlineData("sweep-margin", 0.05)]
    public void Linf_attacks_come_within_their_measured_gap_of_the_exact_minimum(string key, double tolerance)
    {
        // Tolerances: the margin loss moves along sign(w_j - w_y), the exact L-inf direction for the class it aims at, so its gap
        // is the search resolution (9 attempts: 4 to bracket from 0.02, 5 bisections, ~3 % of eps) or the grid step (0.001 on
        // eps ~0.05, ~2 %); 5 % covers both. The paper's logit loss (-z_y) ignores the competitor and moves along -sign(w_y), which
        // is measured to cost tens of per cent; the 60 % bound is that measurement with headroom.
        var result = Run(key);
        var (attack, exact) = Means(result, e => e.Linf!.Value, x => x.Linf);
        output.WriteLine($"{key}: success {result.SuccessRate:P1}, mean Linf {attack:F4}, exact {exact:F4}, gap {100 * (attack / exact - 1):F2} %");
        result.SuccessRate.Should().Be(1);
        attack.Should().BeLessThanOrEqualTo(exact * (1 + tolerance));
    }

    private EvaluationResult Run(string key) => fixture.Run(key, key switch
    {
        "cw-paper" => new CwAttack(),
        "cw-tuned" => new CwAttack(new CwOptions(LearningRate: 0.01, InitialConst: 0.001, Adam: CwAdam.TensorFlow)),
        "ead-paper" => new EadAttack(),
        "ead-score-10" => new EadAttack(new EadOptions(ScoreEvery: 10)),
        "ifgsm-logit" => new IfgsmAttack(),
        "ifgsm-margin" => new IfgsmAttack(new IfgsmOptions(Loss: AttackLoss.Margin)),
        "sweep-logit" => new FgsmSweepAttack(),
        "sweep-margin" => new FgsmSweepAttack(new FgsmSweepOptions(Loss: AttackLoss.Margin)),
        _ when key.EndsWith("-strong", StringComparison.Ordinal) => KnownAttacks.Get(key[..^"-strong".Length]).Configure(AttackPreset.Strong).Create(),
        _ => throw new ArgumentException(key),
    });

    /// <summary>Means over the examples the attack fooled, of the attack's distortion and of the exact minimum.</summary>
    private (double Attack, double Exact) Means(EvaluationResult r, Func<ExampleResult, double> measured, Func<(double L2, double Linf, double L1), double> exact)
    {
        var ok = r.Examples.Where(e => e.Success).ToList();
        ok.Should().NotBeEmpty();
        return (ok.Average(measured), ok.Average(e => exact(fixture.Exact[e.Index])));
    }
}
