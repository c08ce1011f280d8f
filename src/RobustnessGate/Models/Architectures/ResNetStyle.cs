using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessGate.Models.Architectures;

/// <summary>
/// ResNet-style CNN in the CIFAR layout of He et al. (2016, section 4.2): a stride-2 conv3x3 stem with 16 channels
/// (standing in for ImageNet ResNets' downsampling stem), three stages of n basic blocks with 16, 32 and 64 channels
/// (stages 2 and 3 start with stride 2), global average pooling, fc(10). BatchNorm after every convolution.
/// Depth = 6n + 2 weight layers (stem, 2 per block, fc; shortcut projections not counted): n = 1, 2, 3 give 8, 14, 20.
/// </summary>
public sealed class ResNetStyle : Module<Tensor, Tensor>
{
    private static readonly int[] StageChannels = [16, 32, 64];

    private readonly Sequential _layers;

    /// <summary>Creates the network with TorchSharp's default initialisation (seed it first for repeatable weights).</summary>
    /// <param name="blocksPerStage">Basic blocks per stage (n, at least 1).</param>
    /// <param name="classes">Number of outputs.</param>
    public ResNetStyle(int blocksPerStage, int classes = 10) : base(nameof(ResNetStyle))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blocksPerStage, 1);
        var layers = new List<(string, Module<Tensor, Tensor>)> { ("stem", Layers.ConvBnRelu(1, StageChannels[0], 3, stride: 2)) };
        long channels = StageChannels[0];
        for (int s = 0; s < StageChannels.Length; s++)
        {
            for (int b = 1; b <= blocksPerStage; b++)
            {
                long stride = s > 0 && b == 1 ? 2 : 1;
                layers.Add(($"stage{s + 1}_block{b}", new ResidualBlock(channels, StageChannels[s], stride)));
                channels = StageChannels[s];
            }
        }
        layers.Add(("pool", Layers.GlobalAveragePool()));
        layers.Add(("fc", Linear(channels, classes)));
        _layers = Layers.Chain(layers);
        RegisterComponents();
    }

    /// <summary>Weight layers on the longest path for <paramref name="blocksPerStage"/> blocks per stage: 6n + 2.</summary>
    public static int DepthFor(int blocksPerStage) => 6 * blocksPerStage + 2;

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
}
