using FluentAssertions;
using RobustnessGate.Data;
using RobustnessGate.Models;
using RobustnessGate.Training;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Models;

public sealed class TrainingTests
{
    [Fact]
    public void Retraining_lenet_reproduces_the_shipped_weights_bit_for_bit()
    {
        // Same seed, same data order, same 2 threads: the trainer is deterministic, so the fingerprint must equal the
        // manifest's exactly (any difference means the shipped weights can no longer be rebuilt from source).
        var dir = Paths.TempDirectory();
        try
        {
            var shipped = ModelManifest.Read(ModelLoader.ModelsDirectory).Models.Single(m => m.Name == "lenet");
            var outcome = ModelTraining.Train(KnownModels.LeNet, BuiltInData.Load(BuiltInData.TrainName), BuiltInData.Load(BuiltInData.TestName), dir);
            outcome.Sha256.Should().Be(shipped.Sha256);
            outcome.TestAccuracy.Should().Be(shipped.TestAccuracy);
            File.ReadAllBytes(Path.Combine(dir, "lenet.bin")).Should().Equal(File.ReadAllBytes(Path.Combine(ModelLoader.ModelsDirectory, "lenet.bin")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_shipped_lenet_loads_with_its_manifest_fingerprint_and_accuracy()
    {
        var entry = ModelManifest.Read(ModelLoader.ModelsDirectory).Models.Single(m => m.Name == "lenet");
        using var model = ModelLoader.LoadBuiltIn(KnownModels.LeNet);
        model.Sha256.Should().Be(entry.Sha256);
        Predictions.Accuracy(model.Logits, TestModels.MnistTest).Should().Be(entry.TestAccuracy, "the forward pass is deterministic with pinned threads");
        entry.TestAccuracy.Should().BeGreaterThan(0.95);
    }

    [Fact]
    public void Weights_that_do_not_match_the_manifest_are_refused()
    {
        var dir = Paths.TempDirectory();
        try
        {
            File.Copy(Path.Combine(ModelLoader.ModelsDirectory, "lenet.bin"), Path.Combine(dir, "lenet.bin"));
            var manifest = ModelManifest.Read(ModelLoader.ModelsDirectory);
            manifest.With(manifest.Models.Single(m => m.Name == "lenet") with { Sha256 = new string('0', 64) }).Write(dir);
            var act = () => ModelLoader.LoadBuiltIn(KnownModels.LeNet, dir);
            act.Should().Throw<InvalidDataException>().WithMessage("*lenet.bin*differs from field 'sha256'*");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_file_that_is_not_torchscript_is_refused_before_torch_sees_it()
    {
        var dir = Paths.TempDirectory();
        try
        {
            var path = Path.Combine(dir, "model.pt");
            File.WriteAllText(path, "not a model");
            var act = () => ModelLoader.Load(path);
            act.Should().Throw<InvalidDataException>().WithMessage("*model.pt*not a TorchScript file*");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
