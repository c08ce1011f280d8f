using FluentAssertions;
using RobustnessGate.Data;
using RobustnessGate.Gate;
using RobustnessGate.Runtime;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Gate;

/// <summary>
/// A threshold file whose data set is an image folder ("dataset": {"folder", "size", "channels"}): the reader's fields and
/// errors, and the gate end to end on the RGB fixture model rgb32.pt with its per-channel normalisation: no baseline
/// (inconclusive), approved, passed through 'robustness-gate gate', served from the cache by the decoded content, and
/// re-evaluated when one image of the folder changes.
/// </summary>
public sealed class FolderDatasetSpecs : IDisposable
{
    private const string Id = "rgb32-fgsm";
    private readonly string _dir = Paths.TempDirectory();

    public FolderDatasetSpecs()
    {
        TorchRuntime.Configure();
        var source = Path.Combine(ImageFiles.RgbFixtures, "shapes");
        foreach (var file in Directory.GetFiles(source, "*.png", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_dir, "images", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Thresholds(string dataset, string std = "0.25, 0.2, 0.3")
    {
        var model = System.Text.Json.JsonSerializer.Serialize(Path.Combine(ImageFiles.RgbFixtures, "rgb32.pt"));
        var path = Path.Combine(_dir, "gate.json");
        File.WriteAllText(path, $$"""
            { "schemaVersion": 2,
              "defaults": { "dataset": {{dataset}}, "count": 12 },
              "checks": [ {
                "id": "{{Id}}", "model": {{model}}, "normalization": { "mean": [0.45, 0.5, 0.4], "std": [{{std}}] },
                "attack": "fgsm", "options": { "epsilon": 0.05 },
                "metrics": { "cleanAccuracy": { "break": 0.9 }, "successRate": {} } } ] }
            """);
        return path;
    }

    [Fact]
    public void The_folder_resolves_against_the_file_and_carries_size_and_channels()
    {
        var check = ThresholdFile.Load(Thresholds("""{ "folder": "images", "size": 32, "channels": "rgb" }""")).Checks.Single();

        check.Data.Folder.Should().Be(Path.Combine(_dir, "images"));
        check.Data.FolderOptions.Should().Be(new ImageFolderOptions(32, ImageChannels.Rgb));
        check.Data.Key.Should().Be($"folder:{Path.Combine(_dir, "images")}|size=32|channels=rgb");
        ThresholdFile.Load(Thresholds("""{ "folder": "images" }""")).Checks.Single().Data.FolderOptions.Should().Be(new ImageFolderOptions());
    }

    [Theory]
    [InlineData("""{ "folder": "images", "images": "x.npy" }""", "field 'dataset.images': not used with 'dataset.folder'")]
    [InlineData("""{ "images": "gate.json", "labels": "gate.json", "size": 32 }""", "field 'dataset.size': applies to an image folder only")]
    [InlineData("""{ "folder": "pictures" }""", "field 'dataset.folder': folder *pictures not found")]
    [InlineData("""{ "folder": "images", "size": 0 }""", "field 'dataset.size': expected a whole number >= 1 (the side of the centre crop), found 0")]
    [InlineData("""{ "folder": "images", "size": "32" }""", "field 'dataset.size': expected a whole number >= 1 (the side of the centre crop), found \"32\"")]
    [InlineData("""{ "folder": "images", "channels": "cmyk" }""", "field 'dataset.channels': expected one of auto, rgb, grey, found 'cmyk'")]
    public void A_bad_folder_data_set_is_an_error_naming_the_field(string dataset, string message)
    {
        var act = () => ThresholdFile.Load(Thresholds(dataset));
        act.Should().Throw<ThresholdFileException>().WithMessage($"*gate.json: defaults: {message}*");
    }

    [Fact]
    public void The_gate_runs_a_folder_data_set_and_keys_its_cache_by_the_decoded_content()
    {
        var file = ThresholdFile.Load(Thresholds("""{ "folder": "images", "channels": "rgb" }"""));
        string approved = Path.Combine(_dir, "approved"), cache = Path.Combine(_dir, "cache");

        CheckResult first;
        using (var session = new GateSession(file, new GateRunOptions(approved, cache)))
        {
            first = session.Run(Id);
            first.Verdict.Should().Be(Verdict.Inconclusive, "there is no approved baseline yet");
            first.Result.Dataset.Name.Should().Be("images");
            first.Result.Dataset.Count.Should().Be(12);
            first.Result.CleanAccuracy.Should().Be(1.0, "PyTorch measured 12 of 12 (expected.json rgb32Accuracy)");
            session.Snapshots.Approve(Id, ciVariable: null);
        }

        var (code, output, err) = CliRunner.Run("gate", "--thresholds", file.Path, "--snapshots", approved, "--no-cache", "--summary", Path.Combine(_dir, "summary.md"));
        code.Should().Be(0, output + err);

        using (var session = new GateSession(file, new GateRunOptions(approved, cache)))
        {
            var again = session.Run(Id);
            again.Verdict.Should().Be(Verdict.Pass, again.Message);
            again.Cached.Should().BeTrue("the same decoded images, model, attack and engine");
        }

        // Another per-channel std is another classifier: its evaluation must not be served the cached result.
        var otherStd = ThresholdFile.Load(Thresholds("""{ "folder": "images", "channels": "rgb" }""", std: "0.25, 0.2, 0.6"));
        using (var session = new GateSession(otherStd, new GateRunOptions(approved, cache)))
        {
            var renormalised = session.Run(Id);
            renormalised.Cached.Should().BeFalse("the normalisation is part of the model's fingerprint");
            renormalised.Result.Model.Sha256.Should().NotBe(first.Result.Model.Sha256);
        }
        file = ThresholdFile.Load(Thresholds("""{ "folder": "images", "channels": "rgb" }"""));

        // One changed pixel value in one PNG: a new decoded content hash, so the cached result is not served.
        ImageFiles.Flat(Path.Combine(_dir, "images", "red-bar", "03.png"), 32, 32, 120, 120, 120);
        using (var session = new GateSession(file, new GateRunOptions(approved, cache)))
        {
            var changed = session.Run(Id);
            changed.Cached.Should().BeFalse("the folder's decoded content changed");
            changed.Result.Dataset.Sha256.Should().NotBe(first.Result.Dataset.Sha256);
        }
    }
}
