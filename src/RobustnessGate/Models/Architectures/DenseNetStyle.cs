using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessGate.Models.Architectures;

/// <summary>
/// DenseNet-style CNN (Huang et al. 2017): a stride-2 conv3x3 stem with 2k channels, three dense blocks of L layers with
/// growth rate k = 12, transitions (BN-ReLU-conv1x1 halving the channels, 2 x 2 average pool) between blocks, then
/// BN-ReLU, global average pooling and fc(10). Depth = 3L + 4 weight layers (stem, 3L dense layers, 2 transitions, fc):
/// L = 2, 4, 6 give 10, 16, 22.
/// </summary>
public sealed class DenseNetStyle : Module<Tensor, Tensor>
{
    /// <summary>Growth rate k: channels each dense layer adds.</summary>
    public const int GrowthRate = 12;

    private const int Blocks = 3;

    private readonly Sequential _layers;

    /// <summary>Creates the network with TorchSharp's default initialisation (seed it first for repeatable weights).</summary>
    /// <param name="layersPerBlock">Dense layers per block (L, at least 1).</param>
    /// <param name="classes">Number of outputs.</param>
    public DenseNetStyle(int layersPerBlock, int classes = 10) : base(nameof(DenseNetStyle))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layersPerBlock, 1);
        long channels = 2 * GrowthRate;
        var layers = new List<(string, Module<Tensor, Tensor>)> { ("stem", Layers.ConvBnRelu(1, channels, 3, stride: 2)) };
        for (int b = 1; b <= Blocks; b++)
        {
            for (int l = 1; l <= layersPerBlock; l++)
            {
                layers.Add(($"block{b}_layer{l}", new DenseLayer(channels, GrowthRate)));
                channels += GrowthRate;
            }
            if (b < Blocks)
            {
                long reduced = channels / 2;
                layers.Add(($"transition{b}", Sequential(
                    ("bn", BatchNorm2d(channels)),
                    ("relu", ReLU()),
                    ("conv", Conv2d(channels, reduced, 1, bias: false)),
                    ("pool", AvgPool2d(2)))));
                channels = reduced;
            }
        }
        layers.Add(("bn", BatchNorm2d(channels)));
        layers.Add(("relu", ReLU()));
        layers.Add(("pool", Layers.GlobalAveragePool()));
        layers.Add(("fc", Linear(channels, classes)));
        _layers = Layers.Chain(layers);
        RegisterComponents();
    }

    /// <summary>Weight layers on the longest path for <paramref name="layersPerBlock"/> layers per block: 3L + 4.</summary>
    public static int DepthFor(int layersPerBlock) => 1 + Blocks * layersPerBlock + (Blocks - 1) + 1;

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
