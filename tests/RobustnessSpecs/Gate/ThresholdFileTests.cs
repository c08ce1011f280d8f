using FluentAssertions;
using RobustnessGate.Gate;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Gate;

public sealed class ThresholdFileTests : IDisposable
{
    private readonly string _dir = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_dir, "t.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Check(string extra = "", string bounds = "\"successRate\": { \"max\": 0.5 }") =>
        $$"""{ "schemaVersion": 1, "checks": [ { "id": "c1", "model": "lenet", "attack": "fgsm", "options": { "epsilon": 0.1 }, {{extra}} "bounds": { {{bounds}} } } ] }""";

    [Fact]
    public void The_repository_gate_file_is_valid()
    {
        var file = ThresholdFile.Load(Path.Combine(Paths.Thresholds, "gate.json"));
        file.Checks.Should().NotBeEmpty();
        file.Checks.Select(c => c.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void A_valid_file_with_comments_and_trailing_commas_is_read()
    {
        var path = Write("// comment\n" + Check(bounds: "\"successRate\": { \"max\": 0.5, }, \"meanL2\": { \"min\": 1 },"));
        var check = ThresholdFile.Load(path).Checks.Single();
        check.Attack.Parameters.Should().Contain("epsilon", 0.1);
        check.Attack.Preset.Should().Be("strong");
        check.Bounds.Should().BeEquivalentTo([new MetricBound("successRate", null, 0.5), new MetricBound("meanL2", 1, null)]);
        (check.Target, check.Count, check.Seed).Should().Be(("untargeted", 100, 1215L));
    }

    [Theory]
    [InlineData("\"colour\": 1,", "*t.json*check 'c1'*unknown field 'colour'*")]
    [InlineData("\"target\": \"sideways\",", "*t.json*check 'c1'*field 'target'*untargeted, random, least-likely, top2*")]
    [InlineData("\"count\": 0,", "*t.json*check 'c1'*field 'count'*>= 1*")]
    public void Bad_check_fields_are_named(string extra, string message)
    {
        var act = () => ThresholdFile.Load(Write(Check(extra)));
        act.Should().Throw<ThresholdFileException>().WithMessage(message);
    }

    [Fact]
    public void Min_above_max_names_both_values()
    {
        var act = () => ThresholdFile.Load(Write(Check(bounds: "\"successRate\": { \"min\": 0.6, \"max\": 0.5 }")));
        act.Should().Throw<ThresholdFileException>().WithMessage("*check 'c1'*min must be <= max. Current min: 0.6, max: 0.5*");
    }

    [Fact]
    public void An_unknown_metric_lists_the_known_ones()
    {
        var act = () => ThresholdFile.Load(Write(Check(bounds: "\"speed\": { \"max\": 1 }")));
        act.Should().Throw<ThresholdFileException>().WithMessage("*unknown metric 'bounds.speed'*successRate*meanL2*");
    }

    [Fact]
    public void An_option_the_attack_does_not_take_is_an_error()
    {
        var json = Check().Replace("\"epsilon\": 0.1", "\"epsilon\": 0.1, \"steps\": 4", StringComparison.Ordinal);
        var act = () => ThresholdFile.Load(Write(json));
        act.Should().Throw<ThresholdFileException>().WithMessage("*check 'c1'*field 'options.steps': unknown option of attack 'fgsm'; expected one of epsilon, norm, loss*");
    }

    [Fact]
    public void A_wrong_schema_version_is_refused()
    {
        var act = () => ThresholdFile.Load(Write("{ \"schemaVersion\": 2, \"checks\": [] }"));
        act.Should().Throw<ThresholdFileException>().WithMessage("*t.json*'schemaVersion' must be 1*");
    }

    [Fact]
    public void Violations_name_model_attack_metric_value_and_threshold()
    {
        var check = new GateCheck("c", "lenet", RobustnessGate.Attacks.Fgsm.FgsmAttack.Definition.Configure(RobustnessGate.Attacks.AttackPreset.Strong), "untargeted", 10, 1,
            [new MetricBound("successRate", null, 0.1)]);
        var result = new RobustnessGate.Evaluation.EvaluationResult
        {
            Engine = new("RobustnessGate", "0", "0", 2), Model = new("lenet", "x"), Dataset = new("d", 10, "y"),
            Attack = new("fgsm", "strong", new Dictionary<string, object>()), Target = "untargeted", Seed = 1, CleanAccuracy = 1,
            Attacked = 10, Succeeded = 3, SuccessRate = 0.3, RobustAccuracy = 0.7,
            Distortion = new(new(null, null, null), new(null, null, null), new(null, null, null), new(null, null, null)),
            Seconds = 0, Examples = [],
        };
        GateRunner.Violations(check, result).Should().ContainSingle()
            .Which.Should().Be("check 'c': model lenet, attack fgsm, target untargeted: successRate = 0.3 is above the maximum 0.1");
    }
}
