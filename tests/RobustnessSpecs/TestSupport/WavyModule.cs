using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessSpecs.TestSupport;

/// <summary>
/// A model whose response to a perturbation is not monotone in its size: the inner model sees s(x) = x + 0.3 sin(2 pi x / 0.4),
/// so a background pixel (0) moved by 0.1 looks moved by 0.1 + 0.3 = 0.4, but moved by 0.2 only by 0.2 + 0.3 sin(pi) = 0.2.
/// FGSM at 0.1 therefore shifts the inner model twice as far as FGSM at 0.2.
/// </summary>
public sealed class WavyModule : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> _inner;

    public WavyModule(Module<Tensor, Tensor> inner) : base(nameof(WavyModule))
    {
        _inner = inner;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var wavy = input + (input * (2 * Math.PI / 0.4)).sin() * 0.3;
        return _inner.call(wavy).MoveToOuterDisposeScope();
    }
}
