using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessGate.Models.Architectures;

/// <summary>
/// GoogLeNet's inception module (Szegedy et al. 2015) with BatchNorm (as TF-slim's inception_v1): four parallel branches,
/// 1x1; 1x1 then 3x3; 1x1 then 5x5; 3x3 max pool then 1x1, concatenated along channels.
/// </summary>
internal sealed class InceptionModule : Module<Tensor, Tensor>
{
    private readonly Sequential _branch1;
    private readonly Sequential _branch3;
    private readonly Sequential _branch5;
    private readonly Sequential _branchPool;

    /// <param name="inChannels">Input channels.</param>
    /// <param name="widths">Channels of the branches.</param>
    public InceptionModule(long inChannels, InceptionWidths widths) : base(nameof(InceptionModule))
    {
        _branch1 = Layers.ConvBnRelu(inChannels, widths.OneByOne, 1);
        _branch3 = Sequential(
            ("reduce", Layers.ConvBnRelu(inChannels, widths.ThreeReduce, 1)),
            ("conv", Layers.ConvBnRelu(widths.ThreeReduce, widths.Three, 3)));
        _branch5 = Sequential(
            ("reduce", Layers.ConvBnRelu(inChannels, widths.FiveReduce, 1)),
            ("conv", Layers.ConvBnRelu(widths.FiveReduce, widths.Five, 5)));
        _branchPool = Sequential(
            ("pool", MaxPool2d(3, stride: 1, padding: 1)),
            ("proj", Layers.ConvBnRelu(inChannels, widths.PoolProjection, 1)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return cat([_branch1.call(input), _branch3.call(input), _branch5.call(input), _branchPool.call(input)], 1)
            .MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _branch1.Dispose();
            _branch3.Dispose();
            _branch5.Dispose();
            _branchPool.Dispose();
        }
        base.Dispose(disposing);
    }
}
