using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessSpecs.TestSupport;

/// <summary>Dropout (p = 0.5) on the input of an inner model: random in train mode, the identity in eval mode.</summary>
public sealed class DropoutModule : Module<Tensor, Tensor>
{
    private readonly Dropout _dropout;
    private readonly Module<Tensor, Tensor> _inner;

    public DropoutModule(Module<Tensor, Tensor> inner) : base(nameof(DropoutModule))
    {
        _dropout = Dropout(0.5);
        _inner = inner;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => _inner.call(_dropout.call(input));
}
