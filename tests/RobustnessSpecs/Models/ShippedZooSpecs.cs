using FluentAssertions;
using RobustnessGate.Data;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using Xunit;

namespace RobustnessSpecs.Models;

public class ShippedZooSpecs
{
    // The lenet weights predate the zoo and must never change: the committed studies and examples refer to them.
    private const string LenetSha256 = "5c426bd1ec38c806ac9cb6ce6438a71cbff3e89a21051f9e1e9e62218d9dc588";

    private static readonly Lazy<ImageSet> Test = new(() => BuiltInData.Load(BuiltInData.TestName));

    public static TheoryData<string> ModelNames => new(KnownModels.All.Select(m => m.Name));

    private static ModelManifest Manifest => ModelManifest.Read(ModelLoader.ModelsDirectory);

    private static ModelManifestEntry EntryOf(string name) =>
        Manifest.Models.Should().ContainSingle(e => e.Name == name, $"{name} is shipped").Subject;

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Every_model_has_shipped_weights_that_match_the_manifest_fingerprint_and_parameter_count(string name)
    {
        var model = KnownModels.Find(name)!;
        var entry = EntryOf(name);
        using var classifier = ModelLoader.LoadBuiltIn(model); // throws when the fingerprint differs
        classifier.Sha256.Should().Be(entry.Sha256);
        classifier.Module.parameters().Sum(p => p.numel()).Should().Be(entry.Parameters);
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Every_model_reaches_exactly_its_recorded_test_accuracy(string name)
    {
        TorchRuntime.Configure();
        var entry = EntryOf(name);
        using var classifier = ModelLoader.LoadBuiltIn(KnownModels.Find(name)!);
        // Tolerance 0: same weights, same 2 threads, same batches of 500 as when the manifest was written, and the
        // eval-mode forward pass (BatchNorm on running statistics) is deterministic on the CPU, so the same images are
        // right. A different engine or thread count could flip a borderline image (1/2000 = 0.0005); that would be a
        // finding to look at, not noise to absorb.
        Predictions.Accuracy(classifier.Logits, Test.Value).Should().Be(entry.TestAccuracy);
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Every_manifest_entry_agrees_with_the_catalogue(string name)
    {
        var model = KnownModels.Find(name)!;
        var entry = EntryOf(name);
        entry.Family.Should().Be(model.Family);
        entry.Description.Should().Be(model.Description);
        entry.File.Should().Be(model.WeightsFile);
        entry.Training.Should().Be(model.Training);
        entry.TrainCount.Should().Be(8000);
        entry.Depth.Should().Be(model.Depth);
        entry.Width.Should().Be(model.Width);
        entry.Series.Should().Be(model.Series);
    }

    [Fact]
    public void Lenet_weights_are_unchanged()
    {
        EntryOf("lenet").Sha256.Should().Be(LenetSha256);
    }

    [Fact]
    public void Every_model_is_a_reasonable_classifier()
    {
        Manifest.Models.Should().OnlyContain(e => e.TestAccuracy > 0.85);
    }

    [Fact]
    public void Families_reach_different_accuracies()
    {
        var byFamily = Manifest.Models.GroupBy(e => e.Family).ToDictionary(g => g.Key, g => g.Max(e => e.TestAccuracy));
        var bestCnn = byFamily.Where(kv => kv.Key != "MLP").Max(kv => kv.Value);
        byFamily["MLP"].Should().BeLessThan(bestCnn, "convolutions help on digits");
        // 0.01 = 20 test images: the error axis of the study needs a visible spread, not a one-image difference.
        (Manifest.Models.Max(e => e.TestAccuracy) - Manifest.Models.Min(e => e.TestAccuracy)).Should().BeGreaterThan(0.01);
    }

    [Fact]
    public void The_shipped_weights_stay_under_thirty_megabytes()
    {
        long bytes = Manifest.Models.Sum(e => new FileInfo(Path.Combine(ModelLoader.ModelsDirectory, e.File)).Length);
        bytes.Should().BeLessThan(30_000_000);
    }
}
