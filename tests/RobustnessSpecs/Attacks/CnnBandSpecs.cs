using FluentAssertions;
using RobustnessGate.Attacks.CarliniWagner;
using RobustnessGate.Attacks.Ead;
using RobustnessGate.Attacks.Pgd;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;
using Xunit;
using Xunit.Abstractions;

namespace RobustnessSpecs.Attacks;

/// <summary>
/// Wide published bands (sources cited at each check) on the built-in LeNet, at the paper budget (9 x 1000). The published C&amp;W and
/// EAD numbers come from Carlini's code, whose Adam is TensorFlow's, so C&amp;W runs with <see cref="CwAdam.TensorFlow"/>
/// here; with Su et al.'s hand-written Adam, MNIST pixels lying exactly at 0 or 1 cannot move (see <see cref="CwAdam"/>)
/// and its L2 lands far above the band (measured 2.39 on 10 images, above EAD's 1.87). A full run costs seconds per image
/// on 2 shared cores (small batches are overhead-bound: 5 images took 4 min for C&amp;W and 2 min for EAD under load), so
/// these checks are Slow; the default suite keeps the PGD anchor.
/// </summary>
public sealed class CnnBandSpecs(ITestOutputHelper output)
{
    [Fact]
    public void Pgd_at_0_3_with_40_steps_fools_at_least_99_percent()
    {
        // Madry et al. (ICLR 2018) and AdverTorch's LeNet5 benchmark: PGD/BIM L-inf eps 0.3 with >= 40 steps reaches about 100 % on any undefended MNIST CNN.
        using var model = ModelLoader.Load(KnownModels.LeNet.Name);
        var r = Evaluator.Run(model, BuiltInData.Load(BuiltInData.TestName).Take(100), new PgdAttack(new PgdOptions()), new EvaluationOptions());
        r.SuccessRate!.Value.Should().BeGreaterThanOrEqualTo(0.99);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Cw_and_ead_land_in_the_published_bands_on_20_images() => Bands(20);

    private void Bands(int count)
    {
        using var model = ModelLoader.Load(KnownModels.LeNet.Name);
        var data = BuiltInData.Load(BuiltInData.TestName).Take(count);
        var cw = Evaluator.Run(model, data, new CwAttack(new CwOptions(Adam: CwAdam.TensorFlow)), new EvaluationOptions());
        var ead = Evaluator.Run(model, data, new EadAttack(), new EvaluationOptions());
        output.WriteLine($"{count} images: C&W success {cw.SuccessRate:P1} L2 {cw.Distortion.L2.Mean:F3} L1 {cw.Distortion.L1.Mean:F2} ({cw.Seconds:F0} s); " +
            $"EAD success {ead.SuccessRate:P1} L2 {ead.Distortion.L2.Mean:F3} L1 {ead.Distortion.L1.Mean:F2} ({ead.Seconds:F0} s)");
        cw.SuccessRate.Should().Be(1);
        ead.SuccessRate.Should().Be(1);
        // Untargeted MNIST L2 minima: DDN 1.38 and FAB 1.41 on LeNet5, C&W's best-case targeted 1.36 (Rony et al. CVPR 2019; Croce and Hein ICML 2020; Carlini and Wagner S&P 2017).
        // Untargeted C&W cannot beat those by much nor, with 9 x 1000 steps, exceed the average targeted case (1.76-1.97) by far.
        cw.Distortion.L2.Mean!.Value.Should().BeInRange(0.8, 2.5);
        // EAD: L1 25-40 % below C&W's, L2 slightly above (Chen et al. AAAI 2018, MNIST table); only the orderings are asserted.
        ead.Distortion.L1.Mean!.Value.Should().BeLessThan(cw.Distortion.L1.Mean!.Value);
        ead.Distortion.L2.Mean!.Value.Should().BeGreaterThan(cw.Distortion.L2.Mean.Value);
    }
}
