using RobustnessGate.Xunit;
using Xunit;

namespace ShapesGate.Tests;

/// <summary>
/// The gate on this team's shape classifier: one case per check of thresholds/gate.json ("shapes-cnn.pt / cw /
/// untargeted"), filterable by the traits model, attack, target and check.
/// </summary>
[Trait("Category", "Gate")]
public sealed class GateTests
{
    [RobustnessTheory]
    [RobustnessChecks("thresholds/gate.json")]
    public void Shape_classifier_meets_its_robustness_thresholds(RobustnessCase check) => check.Run().Should().Pass();
}
