using System.Text.Json;
using FluentAssertions;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Clever;

public sealed class CleverCommandSpecs : IDisposable
{
    private readonly string _dir = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Clever_on_a_torchscript_model_with_npy_data_writes_the_documented_result_json()
    {
        var fx = Paths.TorchScriptFixtures;
        var (code, output, err) = CliRunner.Run("clever", "--model", Path.Combine(fx, "cnn.pt"), "--images", Path.Combine(fx, "images.npy"),
            "--labels", Path.Combine(fx, "labels.npy"), "--norm", "linf", "--target", "top2", "--samples", "32", "--batches", "10",
            "--radius", "0.2", "--count", "4", "--seed", "7", "--out", _dir, "--quiet");
        code.Should().Be(0, err);
        output.Should().Contain("mean score");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "result.json")));
        var r = doc.RootElement;
        foreach (var field in new[] { "schemaVersion", "kind", "engine", "model", "dataset", "parameters", "cleanAccuracy", "scored", "meanScore", "gradientEvaluations", "seconds", "examples" })
            r.TryGetProperty(field, out _).Should().BeTrue($"result.json has '{field}'");
        r.GetProperty("kind").GetString().Should().Be("clever");
        r.GetProperty("model").GetProperty("sha256").GetString().Should().HaveLength(64);
        r.GetProperty("dataset").GetProperty("sha256").GetString().Should().HaveLength(64);
        r.GetProperty("dataset").GetProperty("count").GetInt32().Should().Be(4);
        var p = r.GetProperty("parameters");
        p.GetProperty("norm").GetString().Should().Be("linf");
        p.GetProperty("target").GetString().Should().Be("top2");
        p.GetProperty("samples").GetInt32().Should().Be(32);
        p.GetProperty("batches").GetInt32().Should().Be(10);
        p.GetProperty("radius").GetDouble().Should().Be(0.2);
        p.GetProperty("seed").GetInt64().Should().Be(7);
        r.GetProperty("examples").GetArrayLength().Should().Be(4);
        foreach (var example in r.GetProperty("examples").EnumerateArray())
        {
            foreach (var field in new[] { "index", "label", "target", "score", "lipschitz", "g0", "ksPValue" })
                example.TryGetProperty(field, out _).Should().BeTrue($"examples[] have '{field}'");
        }
        var scored = r.GetProperty("examples").EnumerateArray().Where(e => e.GetProperty("score").ValueKind == JsonValueKind.Number).ToList();
        scored.Should().HaveCount(r.GetProperty("scored").GetInt32()).And.NotBeEmpty();
        scored.Should().OnlyContain(e => e.GetProperty("score").GetDouble() > 0 && e.GetProperty("score").GetDouble() <= 0.2);
        Directory.GetFiles(_dir).Should().ContainSingle("the result is written atomically, leaving no temporary file");
    }

    [Theory]
    [InlineData("--radius", "-1", "option --radius")]
    [InlineData("--radius", "0", "option --radius")]
    [InlineData("--samples", "0", "option --samples")]
    [InlineData("--batches", "1", "option --batches")]
    [InlineData("--norm", "l0", "option --norm")]
    [InlineData("--target", "nearest", "option --target")]
    public void A_bad_option_exits_2_naming_the_option(string option, string value, string named)
    {
        var (code, _, err) = CliRunner.Run("clever", option, value, "--count", "1", "--out", _dir);
        code.Should().Be(2);
        err.Should().Contain(named).And.Contain(value);
        File.Exists(Path.Combine(_dir, "result.json")).Should().BeFalse();
    }
}
