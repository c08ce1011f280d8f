using FluentAssertions;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace RobustnessSpecs.Models;

public class ZooCatalogueSpecs
{
    public static TheoryData<string> ModelNames => new(KnownModels.All.Select(m => m.Name));

    [Fact]
    public void The_zoo_has_eighteen_uniquely_named_models_in_at_least_six_families()
    {
        KnownModels.All.Should().HaveCount(18);
        KnownModels.All.Select(m => m.Name).Should().OnlyHaveUniqueItems();
        KnownModels.All.Select(m => m.Family).Distinct().Should().HaveCountGreaterThanOrEqualTo(6);
    }

    [Fact]
    public void Lenet_keeps_its_name_family_and_training_settings()
    {
        var lenet = KnownModels.Find("lenet");
        lenet.Should().NotBeNull();
        lenet!.Family.Should().Be("LeNet");
        lenet.Training.Should().Be(new TrainingOptions(Epochs: 5, BatchSize: 64, LearningRate: 1e-3, Seed: 1215, Threads: 2));
    }

    [Fact]
    public void Every_model_is_trained_with_seed_1215_on_two_threads()
    {
        KnownModels.All.Should().OnlyContain(m => m.Training.Seed == 1215 && m.Training.Threads == 2);
    }

    [Fact]
    public void Every_model_records_its_depth()
    {
        KnownModels.All.Should().OnlyContain(m => m.Depth >= 2);
    }

    [Fact]
    public void Depth_and_width_series_are_well_formed()
    {
        var series = KnownModels.All.Where(m => m.Series is not null).GroupBy(m => m.Series!).ToList();
        series.Select(s => s.Key).Should().Contain(["mlp-depth", "vgg-depth", "resnet-depth", "densenet-depth", "inception-depth", "mobilenet-width"]);
        foreach (var s in series)
        {
            s.Should().HaveCountGreaterThanOrEqualTo(2, $"series {s.Key} compares models");
            s.Select(m => m.Family).Distinct().Should().ContainSingle($"series {s.Key} stays within one family");
            if (s.Key.EndsWith(BuiltInModel.DepthSeriesSuffix, StringComparison.Ordinal))
            {
                s.Select(m => m.Depth).Should().OnlyHaveUniqueItems($"series {s.Key} varies depth").And.NotContainNulls();
                s.Select(m => m.Width).Distinct().Should().ContainSingle($"series {s.Key} keeps the width");
            }
            else
            {
                s.Key.Should().EndWith(BuiltInModel.WidthSeriesSuffix);
                s.Select(m => m.Width).Should().OnlyHaveUniqueItems($"series {s.Key} varies width").And.NotContainNulls();
                s.Select(m => m.Depth).Distinct().Should().ContainSingle($"series {s.Key} keeps the depth");
            }
        }
    }

    [Fact]
    public void Depth_series_names_carry_the_depth()
    {
        foreach (var m in KnownModels.All.Where(m => m.Family is "ResNet" or "DenseNet" or "VGG"))
            m.Name.Should().EndWith("-" + m.Depth, "ResNet-20, VGG-16 and DenseNet-121 are named by weight layers");
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Every_architecture_maps_a_digit_batch_to_ten_logits(string name)
    {
        TorchRuntime.Configure(2, 1215);
        using var module = KnownModels.Find(name)!.Create();
        module.eval();
        using var noGrad = no_grad();
        using var images = rand(3, 1, 28, 28);
        using var logits = module.call(images);
        logits.shape.Should().Equal(3, 10);
        logits.isfinite().all().item<bool>().Should().BeTrue();
    }
}
