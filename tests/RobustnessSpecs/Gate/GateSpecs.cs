using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using FluentAssertions;
using FluentAssertions.Execution;
using RobustnessGate.Gate;
using RobustnessGate.Runtime;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Gate;

/// <summary>
/// The robustness gate: one theory case per (model, attack) check in thresholds/gate.json. A case fails when a metric
/// leaves its bounds, or when the rounded result differs from its approved snapshot (Gate/approved/...). A drop in
/// robustness is a finding to investigate, never a snapshot to re-approve to turn CI green.
/// </summary>
[UseReporter(typeof(QuietReporter))]
[UseApprovalSubdirectory("approved")]
public sealed class GateSpecs
{
    private static readonly string ThresholdPath = Path.Combine(Paths.Thresholds, "gate.json");

    public static TheoryData<string, string, string> Checks()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var c in ThresholdFile.Load(ThresholdPath).Checks)
            data.Add(c.Id, Path.GetFileName(c.Model), c.Attack.Name);
        return data;
    }

    [Theory]
    [Trait("Category", "Gate")]
    [MemberData(nameof(Checks))]
    public void Model_meets_its_robustness_thresholds(string check, string model, string attack)
    {
        TorchRuntime.Configure();
        var gate = ThresholdFile.Load(ThresholdPath).Checks.Single(c => c.Id == check);
        var result = GateRunner.Evaluate(gate, Paths.Thresholds);
        using (new AssertionScope($"{model} under {attack}"))
        {
            foreach (var bound in gate.Bounds)
            {
                var value = GateMetrics.Read(result, bound.Metric);
                var because = $"check '{check}': model {model}, attack {attack}, metric {bound.Metric} = {value?.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) ?? "undefined"}, threshold {{0}} {{1}}";
                value.Should().NotBeNull(because, "defined", "");
                if (value is null)
                    continue;
                if (bound.Min is { } min)
                    value.Value.Should().BeGreaterThanOrEqualTo(min, because, "min", min);
                if (bound.Max is { } max)
                    value.Value.Should().BeLessThanOrEqualTo(max, because, "max", max);
            }
        }
        GateRunner.Violations(gate, result).Should().BeEmpty();
        using (ApprovalResults.ForScenario(check))
            Approvals.Verify(ResultSnapshot.Format(result));
    }
}
