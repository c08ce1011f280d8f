using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessGate.Models.Architectures;

/// <summary>
/// VGG-style CNN: three stages of 3 x 3 convolutions (8, 16, 32 channels), each stage closed by a 2 x 2 max pool, then
/// fc(128) - fc(128) - fc(10), like VGG's three fully connected layers. No BatchNorm (as in the original VGG); He
/// initialisation keeps the deep plain stack trainable. The depth series follows VGG's configurations: 2-3-3
/// convolutions give 11 weight layers (VGG-11, configuration A), 4-4-5 give 16 (VGG-16, configuration D).
/// </summary>
public sealed class VggStyle : Module<Tensor, Tensor>
{
    private static readonly int[] StageChannels = [8, 16, 32];

    private readonly Sequential _features;
    private readonly Sequential _classifier;

    /// <summary>Creates the network (seed first for repeatable weights).</summary>
    /// <param name="convolutionsPerStage">Number of 3 x 3 convolutions in each of the three stages.</param>
    /// <param name="classes">Number of outputs.</param>
    public VggStyle(IReadOnlyList<int> convolutionsPerStage, int classes = 10) : base(nameof(VggStyle))
    {
        ArgumentNullException.ThrowIfNull(convolutionsPerStage);
        if (convolutionsPerStage.Count != StageChannels.Length || convolutionsPerStage.Any(c => c < 1))
            throw new ArgumentException($"VGG-style needs {StageChannels.Length} stages of at least one convolution, got [{string.Join(", ", convolutionsPerStage)}]", nameof(convolutionsPerStage));
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        long channels = 1;
        int side = Layers.ImageSide;
        for (int s = 0; s < StageChannels.Length; s++)
        {
            for (int c = 1; c <= convolutionsPerStage[s]; c++)
            {
                // PyTorch's default (Kaiming uniform with a = sqrt 5) shrinks the signal by about 1/sqrt 3 per layer;
                // over 13 plain layers that starves the logits, so use He initialisation as VGG's successors do.
                layers.Add(($"conv{s + 1}_{c}", Layers.ConvRelu(channels, StageChannels[s], 3, heInit: true)));
                channels = StageChannels[s];
            }
            layers.Add(($"pool{s + 1}", MaxPool2d(2)));
            side = Layers.Halve(side, false);
        }
        layers.Add(("flatten", Flatten()));
        _features = Layers.Chain(layers);
        _classifier = Sequential(
            ("fc1", Linear(channels * side * side, 128)),
            ("relu1", ReLU()),
            ("fc2", Linear(128, 128)),
            ("relu2", ReLU()),
            ("fc3", Linear(128, classes)));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return _classifier.call(_features.call(input)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _features.Dispose();
            _classifier.Dispose();
        }
        base.Dispose(disposing);
    }
}
