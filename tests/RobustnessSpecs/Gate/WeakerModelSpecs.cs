using System.Text.Json;
using FluentAssertions;
using RobustnessGate.Gate;
using RobustnessGate.Runtime;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Gate;

/// <summary>
/// The gate end to end, as a team would meet it: a weaker model put in place of the approved one fails through the library
/// and through 'robustness-gate gate' (exit 3) with a message naming the check, the metric, the regression and the frontier
/// gap; under CI a missing approved snapshot fails and nothing is approved; a corrupt cache entry is recomputed; a frontier
/// of another protocol is an error, not a comparison. The weaker model is the built-in mlp-1 (an MLP trained on the same
/// digits) in place of the TorchScript CNN fixture of check 'torchscript-cnn-cw-untargeted'.
/// </summary>
public sealed class WeakerModelSpecs : IDisposable
{
    private const string Id = "torchscript-cnn-cw-untargeted";
    private readonly string _dir = Paths.TempDirectory();

    public WeakerModelSpecs() => TorchRuntime.Configure();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Thresholds(string model, int count = 50)
    {
        var frontier = JsonSerializer.Serialize(Path.Combine(Paths.Thresholds, "frontiers", "cw-untargeted-l2.json"));
        var path = Path.Combine(_dir, "gate.json");
        File.WriteAllText(path, $$"""
            { "schemaVersion": 2, "checks": [ {
                "id": "{{Id}}", "model": "{{model}}", "attack": "cw", "budget": "quick", "target": "untargeted", "count": {{count}},
                "metrics": { "cleanAccuracy": {}, "meanL2": {} },
                "frontier": { "file": {{frontier}}, "tolerance": 0.15 } } ] }
            """);
        return path;
    }

    private string ApprovedDirectory(bool withBaseline)
    {
        var approved = Path.Combine(_dir, "approved");
        Directory.CreateDirectory(approved);
        if (withBaseline)
            File.Copy(Path.Combine(Paths.Thresholds, "approved", Id + ".approved.json"), Path.Combine(approved, Id + ".approved.json"));
        return approved;
    }

    [Fact]
    public void A_weaker_model_in_place_of_the_approved_one_fails_naming_the_check_the_regression_and_the_frontier_gap()
    {
        using var session = new GateSession(ThresholdFile.Load(Thresholds("mlp-1")), new GateRunOptions(ApprovedDirectory(withBaseline: true)));
        var result = session.Run(Id);

        result.Verdict.Should().Be(Verdict.Fail);
        result.Message.Should().Contain($"check '{Id}'")
            .And.Contain("meanL2 regressed from 1.62535 to 1.13").And.Contain("standard errors")
            .And.Contain("frontier: behind the frontier by").And.Contain("% below it; tolerance 15 %")
            .And.Contain("model changed since the baseline");
        File.Exists(session.Snapshots.ReceivedPath(Id)).Should().BeTrue("the moved snapshot is left for review");
    }

    [Fact]
    public void The_gate_command_exits_with_3_on_the_weaker_model_and_0_on_the_approved_one()
    {
        var approved = ApprovedDirectory(withBaseline: true);
        var (code, output, _) = CliRunner.Run("gate", "--thresholds", Thresholds("mlp-1"), "--snapshots", approved, "--no-cache", "--summary", Path.Combine(_dir, "s.md"));
        code.Should().Be(3);
        output.Should().Contain($"check '{Id}' (mlp-1 / cw / untargeted): fail").And.Contain("meanL2 regressed").And.Contain("behind the frontier");
        File.ReadAllText(Path.Combine(_dir, "s.md")).Should().Contain("| " + Id + " | mlp-1 | cw (strong) | untargeted | cleanAccuracy |");

        File.Delete(Path.Combine(approved, Id + ".received.json"));
        var fixture = Path.Combine(Paths.TorchScriptFixtures, "cnn.pt");
        (code, output, _) = CliRunner.Run("gate", "--thresholds", Thresholds(fixture), "--snapshots", approved, "--no-cache", "--summary", Path.Combine(_dir, "s.md"));
        code.Should().Be(0, output);
        output.Should().Contain("gate         pass: 1 of 1 checks pass");
    }

    [Fact]
    public void Under_ci_a_missing_approved_snapshot_fails_and_nothing_is_approved()
    {
        var approved = ApprovedDirectory(withBaseline: false);
        var fixture = Path.Combine(Paths.TorchScriptFixtures, "cnn.pt");
        using var session = new GateSession(ThresholdFile.Load(Thresholds(fixture)), new GateRunOptions(approved, CiVariable: "CI"));
        var result = session.Run(Id);

        result.Verdict.Should().Be(Verdict.Inconclusive);
        result.Reason.Should().Contain("no approved baseline");
        File.Exists(session.Snapshots.ApprovedPath(Id)).Should().BeFalse();
        File.Exists(session.Snapshots.ReceivedPath(Id)).Should().BeTrue();
        var approve = () => session.Snapshots.Approve(Id, "CI");
        approve.Should().Throw<GateConfigurationException>().WithMessage("approval refused: CI says this is a CI run*");
        File.Exists(session.Snapshots.ApprovedPath(Id)).Should().BeFalse();
    }

    [Fact]
    public void A_corrupt_cache_entry_is_reported_and_recomputed_and_the_next_run_is_served_from_the_cache()
    {
        var cache = Path.Combine(_dir, "cache");
        var file = ThresholdFile.Load(Thresholds("mlp-1"));
        var options = new GateRunOptions(ApprovedDirectory(withBaseline: true), cache);
        using (var first = new GateSession(file, options))
            first.Run(Id).Cached.Should().BeFalse();
        var entry = Directory.GetFiles(cache, "*.json", SearchOption.AllDirectories).Single();
        File.WriteAllText(entry, File.ReadAllText(entry)[..100]);

        using (var second = new GateSession(file, options))
        {
            var result = second.Run(Id);
            result.Cached.Should().BeFalse("a corrupt entry is never served");
            second.CacheNotes.Should().ContainSingle().Which.Should().Contain(entry).And.Contain("recomputed");
        }
        using var third = new GateSession(file, options);
        third.Run(Id).Cached.Should().BeTrue();
    }

    [Fact]
    public void A_frontier_measured_on_other_images_is_an_error_not_a_comparison()
    {
        using var session = new GateSession(ThresholdFile.Load(Thresholds("mlp-1", count: 40)), new GateRunOptions(ApprovedDirectory(withBaseline: true)));
        var act = () => session.Run(Id);
        act.Should().Throw<GateConfigurationException>().WithMessage("*check 'torchscript-cnn-cw-untargeted'*field 'frontier'*another protocol*data: the frontier attacked the first 50 images*the check the first 40*");
    }
}
