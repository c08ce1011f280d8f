using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessGate.Models.Architectures;

/// <summary>
/// ResNet basic block (He et al. 2016): conv3x3-BN-ReLU-conv3x3-BN plus the shortcut, then ReLU. The shortcut is the
/// identity, or a strided 1 x 1 convolution with BatchNorm where the shape changes (option B of the paper).
/// </summary>
internal sealed class ResidualBlock : Module<Tensor, Tensor>
{
    private readonly Sequential _first;
    private readonly Conv2d _conv2;
    private readonly BatchNorm2d _bn2;
    private readonly Sequential? _shortcut;

    public ResidualBlock(long inChannels, long outChannels, long stride) : base(nameof(ResidualBlock))
    {
        _first = Layers.ConvBnRelu(inChannels, outChannels, 3, stride);
        _conv2 = Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        _bn2 = BatchNorm2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
        {
            _shortcut = Sequential(
                ("conv", Conv2d(inChannels, outChannels, 1, stride: stride, bias: false)),
                ("bn", BatchNorm2d(outChannels)));
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var residual = _bn2.call(_conv2.call(_first.call(input)));
        var shortcut = _shortcut is null ? input : _shortcut.call(input);
        return functional.relu(residual + shortcut).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _first.Dispose();
            _conv2.Dispose();
            _bn2.Dispose();
            _shortcut?.Dispose();
        }
        base.Dispose(disposing);
    }
}
