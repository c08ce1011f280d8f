using FluentAssertions;
using RobustnessGate.Attacks;
using Xunit;
using Xunit.Abstractions;

namespace RobustnessSpecs.Attacks;

/// <summary>
/// The strong presets were chosen on three linear models; this spec holds them to their targets on the one that was
/// hardest (large weights), so the targets are not a property of the fixture's model alone. Targets as in
/// <see cref="ExactAnswerSpecs"/>: C&amp;W L2 2 %, I-FGSM and the FGSM sweep L-inf 5 %, EAD L1 10 %, never below the exact
/// minimum (<see cref="ExactGap.BelowExactTolerance"/>). Measured in the preset sweep
/// on this model: C&amp;W +0.43 %, I-FGSM +0.64 %, FGSM sweep +1.80 %, EAD +1.97 % (the untargeted run alone: C&amp;W +3.5 %, I-FGSM +4.5 %).
/// </summary>
public sealed class StrongPresetGeneralisationSpecs(LargeWeightLinearFixture fixture, ITestOutputHelper output) : IClassFixture<LargeWeightLinearFixture>
{
    [Theory]
    [InlineData("cw", "l2", 0.02)]
    [InlineData("ifgsm", "linf", 0.05)]
    [InlineData("fgsm-sweep", "linf", 0.05)]
    [InlineData("ead", "l1", 0.10)]
    public void The_strong_preset_meets_its_target_on_a_linear_model_with_large_weights(string attack, string norm, double target)
    {
        var result = fixture.Run(attack, KnownAttacks.Get(attack).Configure(AttackPreset.Strong).Create());
        var (mean, exact) = ExactGap.Of(result, fixture.Exact, norm);
        output.WriteLine($"{attack} strong on the large-weight model: success {result.SuccessRate:P1}, mean {norm} {mean:F4}, exact {exact:F4}, gap {100 * (mean / exact - 1):F2} %");
        result.SuccessRate.Should().Be(1);
        mean.Should().BeLessThanOrEqualTo(exact * (1 + target));
    }
}
