using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessGate.Models.Architectures;

/// <summary>
/// MobileNet-v1-style CNN (Howard et al. 2017): a stride-2 conv3x3 stem with 32 channels, then five depthwise-separable
/// blocks (depthwise conv3x3-BN-ReLU, pointwise conv1x1-BN-ReLU) with 64, 128, 128, 256, 256 channels (the second and
/// fourth downsample), global average pooling and fc(10). The width multiplier alpha scales every channel count, as
/// MobileNet's 0.25 / 0.5 / 1.0 variants do. Depth = 12 weight layers (stem, 5 x (depthwise + pointwise), fc).
/// </summary>
public sealed class MobileNetStyle : Module<Tensor, Tensor>
{
    /// <summary>Weight layers on the longest path (the same for every width).</summary>
    public const int Depth = 12;

    private const int StemChannels = 32;

    private static readonly (int Channels, int Stride)[] Blocks = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1)];

    private readonly Sequential _layers;

    /// <summary>Creates the network with TorchSharp's default initialisation (seed it first for repeatable weights).</summary>
    /// <param name="widthMultiplier">Alpha in (0, 1]: scales the channels of every layer.</param>
    /// <param name="classes">Number of outputs.</param>
    public MobileNetStyle(double widthMultiplier, int classes = 10) : base(nameof(MobileNetStyle))
    {
        if (!(widthMultiplier > 0 && widthMultiplier <= 1))
            throw new ArgumentOutOfRangeException(nameof(widthMultiplier), widthMultiplier, "the width multiplier must be in (0, 1]");
        long channels = Scale(StemChannels, widthMultiplier);
        var layers = new List<(string, Module<Tensor, Tensor>)> { ("stem", Layers.ConvBnRelu(1, channels, 3, stride: 2)) };
        for (int i = 0; i < Blocks.Length; i++)
        {
            long outChannels = Scale(Blocks[i].Channels, widthMultiplier);
            layers.Add(($"block{i + 1}", Sequential(
                ("depthwise", Layers.ConvBnRelu(channels, channels, 3, Blocks[i].Stride, groups: channels)),
                ("pointwise", Layers.ConvBnRelu(channels, outChannels, 1)))));
            channels = outChannels;
        }
        layers.Add(("pool", Layers.GlobalAveragePool()));
        layers.Add(("fc", Linear(channels, classes)));
        _layers = Layers.Chain(layers);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return _layers.call(input).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _layers.Dispose();
        base.Dispose(disposing);
    }

    // MobileNet rounds scaled channel counts; at least 4 keeps the narrowest variant a working network.
    private static long Scale(int channels, double alpha) => Math.Max(4, (long)Math.Round(channels * alpha));
}
