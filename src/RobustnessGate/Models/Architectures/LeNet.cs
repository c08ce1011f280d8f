using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessGate.Models.Architectures;

/// <summary>
/// LeNet-style CNN for 1 x 28 x 28 digits: conv(1-16, 5x5) - ReLU - maxpool 2 - conv(16-32, 5x5) - ReLU - maxpool 2 -
/// fc(512-128) - ReLU - fc(128-10). 80,202 parameters.
/// </summary>
public sealed class LeNet : Module<Tensor, Tensor>
{
    private readonly Conv2d _conv1;
    private readonly Conv2d _conv2;
    private readonly Linear _fc1;
    private readonly Linear _fc2;

    /// <summary>Creates the network with TorchSharp's default initialisation (seed it first for repeatable weights).</summary>
    public LeNet(int classes = 10) : base(nameof(LeNet))
    {
        _conv1 = Conv2d(1, 16, 5);
        _conv2 = Conv2d(16, 32, 5);
        _fc1 = Linear(32 * 4 * 4, 128);
        _fc2 = Linear(128, classes);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = functional.max_pool2d(functional.relu(_conv1.call(input)), 2);
        x = functional.max_pool2d(functional.relu(_conv2.call(x)), 2);
        x = functional.relu(_fc1.call(x.flatten(1)));
        return _fc2.call(x).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _conv1.Dispose();
            _conv2.Dispose();
            _fc1.Dispose();
            _fc2.Dispose();
        }
        base.Dispose(disposing);
    }
}
