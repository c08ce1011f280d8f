using System.Text.Json;
using FluentAssertions;
using RobustnessGate.Runtime;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Cli;

/// <summary>
/// --mean/--std on clever and transfer, as on evaluate and study: the normalisation goes inside the model wrapper.
/// Fixtures of tools/fixtures/make_rgb_fixtures.py: rgb32.pt expects (x - mean) / std; rgb32_inside.pt is the same network
/// with that normalisation in its graph; rgb32_narrow.pt takes raw pixels.
/// </summary>
public sealed class NormalizationOptionSpecs : IDisposable
{
    private static readonly string Fx = ImageFiles.RgbFixtures;
    private static readonly string Shapes = Path.Combine(Fx, "shapes");
    private const string Mean = "0.45,0.5,0.4", Std = "0.25,0.2,0.3";   // MEAN and STD of make_rgb_fixtures.py
    private readonly string _dir = Paths.TempDirectory();

    public NormalizationOptionSpecs() => TorchRuntime.Configure();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    [Fact]
    public void Clever_with_mean_and_std_scores_the_raw_model_as_its_twin_with_the_normalisation_inside()
    {
        // Same network, same seeded ball samples: the scores differ only by float32 round-off of the two graphs (the
        // tool divides by std, the graph multiplies by its reciprocal), propagated through gradient norms and the
        // reverse-Weibull fit; 1e-3 relative is far below the differences between models (tens of percent).
        string[] common = ["clever", "--images", Shapes, "--count", "3", "--samples", "16", "--batches", "5", "--quiet"];
        var outside = Path.Combine(_dir, "outside");
        var inside = Path.Combine(_dir, "inside");
        var (code, _, err) = CliRunner.Run([.. common, "--model", Path.Combine(Fx, "rgb32.pt"), "--mean", Mean, "--std", Std, "--out", outside]);
        code.Should().Be(0, err);
        (code, _, err) = CliRunner.Run([.. common, "--model", Path.Combine(Fx, "rgb32_inside.pt"), "--out", inside]);
        code.Should().Be(0, err);

        var a = Json(Path.Combine(outside, "result.json"));
        var b = Json(Path.Combine(inside, "result.json"));
        a.GetProperty("cleanAccuracy").GetDouble().Should().Be(1.0);
        var scoresA = a.GetProperty("examples").EnumerateArray().Select(e => e.GetProperty("score").GetDouble()).ToList();
        var scoresB = b.GetProperty("examples").EnumerateArray().Select(e => e.GetProperty("score").GetDouble()).ToList();
        scoresA.Should().HaveCount(3);
        for (int i = 0; i < scoresA.Count; i++)
            scoresA[i].Should().BeApproximately(scoresB[i], 1e-3 * scoresB[i], $"image {i}");
    }

    [Fact]
    public void Transfer_with_an_identity_normalisation_counts_exactly_what_it_counts_without()
    {
        // mean 0, std 1: (x - 0) / 1 is x in float32, so every pair's counts must be the same, to the example.
        string[] common = ["transfer", "--models", $"{Path.Combine(Fx, "rgb32_inside.pt")},{Path.Combine(Fx, "rgb32_narrow.pt")}",
            "--images", Shapes, "--attack", "fgsm", "--epsilon", "0.2", "--quiet"];
        var plain = Path.Combine(_dir, "plain");
        var identity = Path.Combine(_dir, "identity");
        var (code, _, err) = CliRunner.Run([.. common, "--out", plain]);
        code.Should().Be(0, err);
        (code, _, err) = CliRunner.Run([.. common, "--mean", "0", "--std", "1", "--out", identity]);
        code.Should().Be(0, err);
        File.ReadAllText(Path.Combine(identity, "transfer.csv")).Should().Be(File.ReadAllText(Path.Combine(plain, "transfer.csv")));
    }

    [Theory]
    [InlineData("clever")]
    [InlineData("transfer")]
    public void Mean_without_std_and_a_mean_that_does_not_fit_the_channels_are_usage_errors(string command)
    {
        string[] head = command == "clever"
            ? ["clever", "--model", Path.Combine(Fx, "rgb32.pt")]
            : ["transfer", "--models", $"{Path.Combine(Fx, "rgb32.pt")},{Path.Combine(Fx, "rgb32_narrow.pt")}", "--attack", "fgsm"];
        var (code, _, err) = CliRunner.Run([.. head, "--images", Shapes, "--mean", "0.5", "--out", _dir, "--quiet"]);
        code.Should().Be(2);
        err.Should().Contain("--mean and --std go together");
        (code, _, err) = CliRunner.Run([.. head, "--images", Shapes, "--mean", "0.5,0.5", "--std", "0.2,0.2", "--out", _dir, "--quiet"]);
        code.Should().Be(2);
        err.Should().Contain("option --mean");
    }
}
