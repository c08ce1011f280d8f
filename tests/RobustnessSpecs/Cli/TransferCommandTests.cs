using System.Text.Json;
using FluentAssertions;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Cli;

public sealed class TransferCommandTests : IDisposable
{
    private readonly string _dir = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private static string[] Data()
    {
        var fx = Paths.TorchScriptFixtures;
        return ["--images", Path.Combine(fx, "images.npy"), "--labels", Path.Combine(fx, "labels.npy")];
    }

    [Fact]
    public void Transfer_on_three_models_writes_transfer_json_and_csv_with_the_documented_fields()
    {
        var models = "mlp-1,lenet," + Path.Combine(Paths.TorchScriptFixtures, "cnn.pt");
        var (code, output, err) = Run([.. new[] { "transfer", "--models", models }, .. Data(),
            "--attack", "fgsm", "--preset", "paper", "--epsilon", "0.3", "--target", "least-likely", "--count", "50", "--seed", "7", "--out", _dir, "--quiet"]);
        code.Should().Be(0, err);
        output.Should().Contain("transfer.json").And.Contain("transfer.csv");

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "transfer.json")));
        var r = doc.RootElement;
        foreach (var field in new[] { "schemaVersion", "engine", "models", "dataset", "attack", "targetMode", "seed", "seconds", "cells" })
            r.TryGetProperty(field, out _).Should().BeTrue($"transfer.json has '{field}'");
        r.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().Equal("mlp-1", "lenet", "cnn.pt");
        r.GetProperty("models").EnumerateArray().Should().OnlyContain(m => m.GetProperty("sha256").GetString()!.Length == 64);
        r.GetProperty("dataset").GetProperty("count").GetInt32().Should().Be(50);
        r.GetProperty("dataset").GetProperty("sha256").GetString().Should().HaveLength(64);
        r.GetProperty("attack").GetProperty("name").GetString().Should().Be("fgsm");
        r.GetProperty("attack").GetProperty("preset").GetString().Should().Be("paper");
        r.GetProperty("attack").GetProperty("parameters").GetProperty("loss").GetString().Should().Be("logit");
        r.GetProperty("attack").GetProperty("parameters").GetProperty("epsilon").GetDouble().Should().Be(0.3);
        r.GetProperty("targetMode").GetString().Should().Be("least-likely");
        r.GetProperty("seed").GetInt64().Should().Be(7);
        r.GetProperty("engine").GetProperty("threads").GetInt32().Should().BeGreaterThan(0);
        var cells = r.GetProperty("cells").EnumerateArray().ToList();
        cells.Should().HaveCount(6);
        foreach (var field in new[] { "source", "target", "attack", "targetMode", "counted", "succeeded", "successRate", "top5Succeeded", "top5Rate" })
            cells.All(c => c.TryGetProperty(field, out _)).Should().BeTrue($"cells[] have '{field}'");

        var csv = File.ReadAllLines(Path.Combine(_dir, "transfer.csv"));
        csv[0].Should().Be("source,target,attack,targetMode,counted,succeeded,successRate,top5Succeeded,top5Rate");
        csv.Should().HaveCount(7);
        csv[1].Should().StartWith("mlp-1,lenet,fgsm,least-likely,");
        csv.Skip(1).Should().OnlyContain(l => l.Split(',').Length == 9);
        Directory.GetFiles(_dir).Select(Path.GetFileName).Should().BeEquivalentTo(["transfer.json", "transfer.csv"], "both are written atomically, leaving no temporary file");
    }

    [Fact]
    public void One_model_is_a_usage_error_naming_the_models_option()
    {
        var (code, _, err) = Run("transfer", "--models", "lenet", "--attack", "fgsm", "--out", _dir);
        code.Should().Be(2);
        err.Should().Contain("--models").And.Contain("at least 2");
        File.Exists(Path.Combine(_dir, "transfer.json")).Should().BeFalse();
    }

    [Fact]
    public void An_option_the_attack_does_not_know_is_a_usage_error_naming_it()
    {
        var (code, _, err) = Run("transfer", "--models", "mlp-1,lenet", "--attack", "fgsm", "--steps", "10", "--out", _dir);
        code.Should().Be(2);
        err.Should().Contain("attack 'fgsm' does not take --steps").And.Contain("--epsilon");
        File.Exists(Path.Combine(_dir, "transfer.json")).Should().BeFalse();
    }

    [Fact]
    public void Without_an_output_folder_the_command_is_a_usage_error()
    {
        var (code, _, err) = Run("transfer", "--models", "mlp-1,lenet", "--attack", "fgsm");
        code.Should().Be(2);
        err.Should().Contain("--out");
    }
}
