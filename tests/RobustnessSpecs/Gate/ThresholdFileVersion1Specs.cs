using FluentAssertions;
using RobustnessGate.Gate;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Gate;

/// <summary>
/// Threshold files of schema version 1 (min/max bounds), still read: a bound on the bad side of a metric becomes its
/// break band; a bound without an equivalent in version 2 is refused with the migration message.
/// </summary>
public sealed class ThresholdFileVersion1Specs : IDisposable
{
    private readonly string _dir = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string V1(string bounds, string fields = "") =>
        $$"""{ "schemaVersion": 1, "checks": [ { "id": "c1", "model": "lenet", "attack": "fgsm", {{fields}} "bounds": { {{bounds}} } } ] }""";

    private GateCheck Single(string json) => ThresholdFile.Load(ThresholdFiles.Write(_dir, json)).Checks.Single();

    private Action Loading(string json) => () => ThresholdFile.Load(ThresholdFiles.Write(_dir, json));

    [Fact]
    public void A_version_1_bound_on_the_bad_side_becomes_the_break_band()
    {
        var check = Single(V1("\"successRate\": { \"max\": 0.3 }, \"robustAccuracy\": { \"min\": 0.6 }, \"cleanAccuracy\": { \"min\": 0.9 },",
            "\"options\": { \"epsilon\": 0.1, \"loss\": \"ce\" }, \"count\": 200,"));

        check.Metrics.Select(m => (m.Metric.Name, m.Bands)).Should().Equal(
            ("successRate", new MetricBands(null, null, 0.3)), ("robustAccuracy", new MetricBands(null, null, 0.6)), ("cleanAccuracy", new MetricBands(null, null, 0.9)));
        check.Metrics.Should().OnlyContain(m => m.Tolerance == RegressionTolerance.Default);
        check.Count.Should().Be(200);
        check.Attack.Parameters["loss"].Should().Be("ce");
    }

    [Fact]
    public void A_version_1_bound_on_the_good_side_is_refused_with_the_migration_message()
    {
        Loading(V1("\"cleanAccuracy\": { \"max\": 0.99 }")).Should().Throw<ThresholdFileException>().WithMessage(
            "*gate.json: check 'c1': field 'bounds.cleanAccuracy.max': a max bound on cleanAccuracy has no equivalent in schema version 2 *; remove it or migrate the file to version 2 (README, 'The gate')");
        Loading(V1("\"successRate\": { \"min\": 0.1, \"max\": 0.3 }")).Should().Throw<ThresholdFileException>().WithMessage(
            "*check 'c1': field 'bounds.successRate.min': a min bound on successRate has no equivalent in schema version 2*");
    }

    [Fact]
    public void A_version_1_rate_given_as_a_percentage_is_refused_as_in_version_2()
    {
        Loading(V1("\"successRate\": { \"max\": 26 }")).Should().Throw<ThresholdFileException>().WithMessage(
            "*gate.json: check 'c1': field 'bounds.successRate.max': successRate is a fraction in [0, 1] (0.95 = 95 %), found 26");
    }

    [Theory]
    [InlineData("\"speed\": { \"max\": 1 }", "", "check 'c1': unknown metric 'bounds.speed'; expected one of cleanAccuracy, *")]
    [InlineData("\"successRate\": { \"below\": 1 }", "", "check 'c1', bounds.successRate: unknown field 'below'; expected one of min, max")]
    [InlineData("\"successRate\": { \"max\": \"0.3\" }", "", "check 'c1': field 'bounds.successRate.max': expected a number")]
    [InlineData("\"successRate\": { \"max\": 0.3 }", "\"metrics\": {},", "check 'c1': unknown field 'metrics'; expected one of id, description, model, attack, preset, options, target, count, seed, bounds")]
    public void A_bad_version_1_check_is_an_error_naming_the_field(string bounds, string fields, string message)
    {
        Loading(V1(bounds, fields)).Should().Throw<ThresholdFileException>().WithMessage($"{Path.Combine(_dir, "gate.json")}: {message}");
    }

    [Fact]
    public void A_version_1_file_cannot_have_defaults()
    {
        Loading(V1("\"successRate\": { \"max\": 0.3 }").Replace("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"defaults\": { \"count\": 10 },", StringComparison.Ordinal))
            .Should().Throw<ThresholdFileException>().WithMessage("*gate.json: field 'defaults' needs schemaVersion 2");
    }
}
