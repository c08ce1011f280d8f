using RobustnessGate.Xunit;
using Xunit;

namespace GateTests;

/// <summary>The robustness gate: one case per check of thresholds/gate.json, named "model / attack / target".</summary>
[Trait("Category", "Gate")]
public sealed class RobustnessGateTests
{
    [RobustnessTheory]
    [RobustnessChecks("thresholds/gate.json")]
    public void Model_meets_its_robustness_thresholds(RobustnessCase check) => check.Run().Should().Pass();
}
