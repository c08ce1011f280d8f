using System.Text.Json;
using FluentAssertions;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Cli;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _dir = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Evaluate_on_a_torchscript_model_with_npy_data_writes_the_result_contract()
    {
        var fx = Paths.TorchScriptFixtures;
        var (code, output, _) = Run("evaluate", "--model", Path.Combine(fx, "cnn.pt"), "--images", Path.Combine(fx, "images.npy"),
            "--labels", Path.Combine(fx, "labels.npy"), "--attack", "pgd", "--epsilon", "0.1", "--steps", "5", "--step-size", "0.03",
            "--random-start", "false", "--target", "least-likely", "--count", "30", "--seed", "3", "--out", _dir, "--quiet");
        code.Should().Be(0);
        output.Should().Contain("success").And.Contain("robust accuracy");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "result.json")));
        var r = doc.RootElement;
        foreach (var field in new[] { "schemaVersion", "model", "dataset", "attack", "target", "cleanAccuracy", "attacked", "succeeded", "successRate", "robustAccuracy", "distortion", "seconds", "examples" })
            r.TryGetProperty(field, out _).Should().BeTrue($"result.json has '{field}'");
        r.GetProperty("model").GetProperty("sha256").GetString().Should().HaveLength(64);
        r.GetProperty("dataset").GetProperty("count").GetInt32().Should().Be(30);
        r.GetProperty("attack").GetProperty("parameters").GetProperty("steps").GetInt32().Should().Be(5);
        r.GetProperty("attack").GetProperty("parameters").GetProperty("randomStart").GetBoolean().Should().BeFalse();
        r.GetProperty("target").GetString().Should().Be("least-likely");
        foreach (var norm in new[] { "l0", "l1", "l2", "linf" })
        {
            foreach (var stat in new[] { "mean", "std", "median" })
                r.GetProperty("distortion").GetProperty(norm).TryGetProperty(stat, out _).Should().BeTrue();
        }
        var example = r.GetProperty("examples")[0];
        foreach (var field in new[] { "index", "label", "target", "cleanPrediction", "adversarialPrediction", "success", "l0", "l1", "l2", "linf" })
            example.TryGetProperty(field, out _).Should().BeTrue($"examples[] have '{field}'");
        Directory.GetFiles(_dir).Should().ContainSingle("the result is written atomically, leaving no temporary file");
    }

    [Fact]
    public void An_option_the_attack_does_not_know_is_a_usage_error()
    {
        var (code, _, err) = Run("evaluate", "--attack", "fgsm", "--steps", "10", "--out", _dir);
        code.Should().Be(2);
        err.Should().Contain("attack 'fgsm' does not take --steps").And.Contain("--epsilon");
        File.Exists(Path.Combine(_dir, "result.json")).Should().BeFalse();
    }

    [Fact]
    public void A_bad_data_file_is_named_with_exit_code_1()
    {
        var bad = Path.Combine(_dir, "x.npy");
        File.WriteAllText(bad, "nonsense");
        var (code, _, err) = Run("evaluate", "--attack", "fgsm", "--images", bad, "--labels", bad, "--out", _dir);
        code.Should().Be(1);
        err.Should().Contain(bad).And.Contain("NUMPY");
    }

    [Fact]
    public void Images_without_labels_are_a_usage_error()
    {
        var (code, _, err) = Run("evaluate", "--attack", "fgsm", "--images", Path.Combine(Paths.TorchScriptFixtures, "images.npy"));
        code.Should().Be(2);
        err.Should().Contain("--labels is required");
    }
}
