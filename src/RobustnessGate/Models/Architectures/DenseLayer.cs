using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessGate.Models.Architectures;

/// <summary>
/// One layer of a DenseNet dense block (Huang et al. 2017): BN-ReLU-conv3x3 producing <c>growth</c> new channels, which are
/// concatenated to the layer's input, so every later layer sees every earlier feature map.
/// </summary>
internal sealed class DenseLayer : Module<Tensor, Tensor>
{
    private readonly BatchNorm2d _bn;
    private readonly Conv2d _conv;

    public DenseLayer(long inChannels, long growth) : base(nameof(DenseLayer))
    {
        _bn = BatchNorm2d(inChannels);
        _conv = Conv2d(inChannels, growth, 3, padding: 1, bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var added = _conv.call(functional.relu(_bn.call(input)));
        return cat([input, added], 1).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _bn.Dispose();
            _conv.Dispose();
        }
        base.Dispose(disposing);
    }
}
