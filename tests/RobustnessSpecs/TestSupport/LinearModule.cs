using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessSpecs.TestSupport;

/// <summary>z = W flatten(x) + b: the model whose attack answers are known in closed form.</summary>
public sealed class LinearModule : Module<Tensor, Tensor>
{
    private readonly Linear _linear;

    public LinearModule(float[,] weights, float[] bias) : base(nameof(LinearModule))
    {
        int k = weights.GetLength(0), d = weights.GetLength(1);
        _linear = Linear(d, k);
        RegisterComponents();
        using var noGrad = no_grad();
        var flat = new float[k * d];
        Buffer.BlockCopy(weights, 0, flat, 0, flat.Length * sizeof(float));
        _linear.weight!.copy_(tensor(flat, new long[] { k, d }));
        _linear.bias!.copy_(tensor(bias));
    }

    public override Tensor forward(Tensor input) => _linear.call(input.flatten(1));
}
