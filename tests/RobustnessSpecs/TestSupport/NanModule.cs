using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessSpecs.TestSupport;

/// <summary>An inner model whose logits are NaN in every odd row of a batch (half the images).</summary>
public sealed class NanModule : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> _inner;

    public NanModule(Module<Tensor, Tensor> inner) : base(nameof(NanModule))
    {
        _inner = inner;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var logits = _inner.call(input);
        var odd = arange(logits.shape[0]).remainder(2).eq(1).unsqueeze(1);
        return logits.masked_fill(odd, float.NaN).MoveToOuterDisposeScope();
    }
}
