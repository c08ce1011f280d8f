using FluentAssertions;
using RobustnessGate.Attacks.CarliniWagner;
using Xunit;
using Xunit.Abstractions;

namespace RobustnessSpecs.Attacks;

public sealed class LinearOracleSpecs(LinearFixture fixture, ITestOutputHelper output) : IClassFixture<LinearFixture>
{
    [Fact]
    public void Probe()
    {
        var r = fixture.Run("cw-tuned", new CwAttack(new CwOptions(LearningRate: 0.01, InitialConst: 0.001)));
        var r2 = fixture.Run("cw-paper", new CwAttack());
        var attacked = r.Examples.Where(e => e.Attacked).ToList();
        output.WriteLine($"attacked {attacked.Count} success {r.Succeeded} {r2.Succeeded} time {r.Seconds} {r2.Seconds}");
        foreach (var e in attacked)
            output.WriteLine($"{e.Index}: exact {fixture.Exact[e.Index].L2:F4} cw {e.L2:F4} paper {r2.Examples[e.Index].L2:F4}");
        output.WriteLine($"mean exact {attacked.Average(e => fixture.Exact[e.Index].L2):F4} cw {r.Distortion.L2.Mean:F4} paper {r2.Distortion.L2.Mean:F4}");
        r.Succeeded.Should().BeGreaterThan(0);
    }
}
