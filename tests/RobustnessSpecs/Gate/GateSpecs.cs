using RobustnessGate.Attacks;
using RobustnessGate.Gate;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Gate;

/// <summary>
/// The robustness gate: one theory case per check of thresholds/gate.json ("model / attack / target"). The verdict is the
/// library's (GateSession, GateJudge); this class only adapts it to xUnit. A case fails when a metric is beyond its break
/// band, moved beyond its tolerance from the approved snapshot (thresholds/approved), fell behind its frontier, or measured
/// nothing usable. A drop in robustness is a finding to investigate, never a snapshot to re-approve to turn CI green.
/// </summary>
[Trait("Category", "Gate")]
public sealed class GateSpecs(GateFixture gate) : IClassFixture<GateFixture>
{
    public static TheoryData<string, string, string, string> Checks()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var c in ThresholdFile.Load(GateFixture.ThresholdPath).Checks)
            data.Add(c.Id, c.Model.DisplayName, c.Attack.Name, TargetNames.Name(c.Target));
        return data;
    }

    [Theory]
    [MemberData(nameof(Checks))]
    public void Model_meets_its_robustness_thresholds(string check, string model, string attack, string target)
    {
        _ = (model, attack, target); // in the display name only, for filtering and reading the test list
        gate.Session.Run(check).Should().Pass();
    }
}
