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
    public void Every_model_reaches_its_recorded_test_accuracy_exactly_on_its_cpu_kernels_and_up_to_borderline_images_elsewhere(string name)
    {
        TorchRuntime.Configure();
        var entry = EntryOf(name);
        using var classifier = ModelLoader.LoadBuiltIn(KnownModels.Find(name)!);
        var accuracy = Predictions.Accuracy(classifier.Logits, Test.Value);
        if (CpuKernelSignature.MatchesCurrent(entry.CpuKernels) && TorchRuntime.DefaultThreads == entry.Training.Threads)
        {
            // Tolerance 0: same weights, same 2 threads, same batches of 500 and the same CPU kernels as when the manifest
            // was written, and the eval-mode forward pass (BatchNorm on running statistics) is deterministic, so the same
            // images are right.
            accuracy.Should().Be(entry.TestAccuracy);
            return;
        }
        // Other kernels (or another pinned thread count, which also reorders sums) move each logit by less than
        // CrossKernel.LogitShift (derivation there), so only images whose top-two margin is within twice that can change
        // their prediction; with none, the accuracy is still exact.
        int borderline = CrossKernel.Borderline(classifier.Logits, Test.Value);
        CrossKernel.Images(accuracy - entry.TestAccuracy, Test.Value.Count).Should().BeLessThanOrEqualTo(borderline,
            $"{name} reaches {accuracy} under CPU kernels '{CpuKernelSignature.Current}' against the manifest's testAccuracy {entry.TestAccuracy} " +
            $"(measured under '{entry.CpuKernels}'), and only {borderline} test images lie within 2 x {CrossKernel.LogitShift} of a tie");
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
    public void Every_manifest_entry_records_the_cpu_kernels_it_was_trained_with()
    {
        // An entry without the field reads as "unknown" and silently loses its exact checks on the machine kind that made it.
        Manifest.Models.Should().OnlyContain(e => e.CpuKernels.StartsWith("aten=", StringComparison.Ordinal));
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
