using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessSpecs.TestSupport;

/// <summary>
/// Gradient masking by construction: the input is rounded to 1/255 steps and detached before the inner model, then 0 x input
/// is added back so a graph exists. The logits are those of the inner model (up to an invisible rounding of 8-bit digits),
/// but the input gradient is exactly zero everywhere, so gradient attacks report 0 % success.
/// </summary>
public sealed class RoundingModule : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> _inner;

    public RoundingModule(Module<Tensor, Tensor> inner) : base(nameof(RoundingModule))
    {
        _inner = inner;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var rounded = (input * 255).round().div(255).detach();
        return _inner.call(rounded + input * 0).MoveToOuterDisposeScope();
    }
}
