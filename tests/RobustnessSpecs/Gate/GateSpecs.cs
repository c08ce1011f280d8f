using RobustnessGate.Xunit;
using Xunit;

namespace RobustnessSpecs.Gate;

/// <summary>
/// The robustness gate: one theory case per check of thresholds/gate.json, named "model / attack / target" with model,
/// attack, target and check traits (RobustnessGate.Xunit's [RobustnessChecks], the same attribute consumers use). The
/// verdict is the library's (GateSession, GateJudge). A case fails when a metric is beyond its break band, moved beyond
/// its tolerance from the approved snapshot (thresholds/approved), fell behind its frontier, or measured nothing usable.
/// A drop in robustness is a finding to investigate, never a snapshot to re-approve to turn CI green.
/// </summary>
[Trait("Category", "Gate")]
public sealed class GateSpecs
{
    [RobustnessTheory]
    [RobustnessChecks("../../thresholds/gate.json")]
    public void Model_meets_its_robustness_thresholds(RobustnessCase check) => check.Run().Should().Pass();
}
