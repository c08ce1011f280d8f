using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessGate.Models.Architectures;

/// <summary>
/// Inception-style CNN (GoogLeNet, Szegedy et al. 2015, with BatchNorm as in TF-slim's inception_v1): a stride-2
/// conv3x3(32) stem (GoogLeNet's stem downsamples too), m inception modules at 14 x 14 (56 channels out), 2 x 2 max pool, m modules at 7 x 7 (112 channels
/// out), global average pooling, fc(10). Depth = 4m + 2 weight layers (stem, 2 per module on the longest branch, fc):
/// m = 1, 2 give 6 and 10.
/// </summary>
public sealed class InceptionStyle : Module<Tensor, Tensor>
{
    private const int StemChannels = 32;

    private static readonly InceptionWidths[] StageWidths =
    [
        new(OneByOne: 16, ThreeReduce: 16, Three: 24, FiveReduce: 4, Five: 8, PoolProjection: 8),
        new(OneByOne: 32, ThreeReduce: 32, Three: 48, FiveReduce: 8, Five: 16, PoolProjection: 16),
    ];

    private readonly Sequential _layers;

    /// <summary>Creates the network with TorchSharp's default initialisation (seed it first for repeatable weights).</summary>
    /// <param name="modulesPerStage">Inception modules in each of the two stages (m, at least 1).</param>
    /// <param name="classes">Number of outputs.</param>
    public InceptionStyle(int modulesPerStage, int classes = 10) : base(nameof(InceptionStyle))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(modulesPerStage, 1);
        long channels = StemChannels;
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("stem", Layers.ConvBnRelu(1, channels, 3, stride: 2)),
        };
        for (int s = 0; s < StageWidths.Length; s++)
        {
            if (s > 0)
                layers.Add(($"pool{s}", MaxPool2d(2)));
            for (int m = 1; m <= modulesPerStage; m++)
            {
                layers.Add(($"stage{s + 1}_module{m}", new InceptionModule(channels, StageWidths[s])));
                channels = StageWidths[s].Output;
            }
        }
        layers.Add(("pool", Layers.GlobalAveragePool()));
        layers.Add(("fc", Linear(channels, classes)));
        _layers = Layers.Chain(layers);
        RegisterComponents();
    }

    /// <summary>Weight layers on the longest path for <paramref name="modulesPerStage"/> modules per stage: 4m + 2.</summary>
    public static int DepthFor(int modulesPerStage) => 1 + 2 * StageWidths.Length * modulesPerStage + 1;

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
