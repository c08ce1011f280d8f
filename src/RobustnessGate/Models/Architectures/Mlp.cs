using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessGate.Models.Architectures;

/// <summary>
/// Multi-layer perceptron: flatten 784 - (fc(units) - ReLU) x hidden layers - fc(10). The no-convolution baseline of the
/// zoo; its depth series (1, 2, 3 hidden layers) has the zoo's lowest accuracies.
/// </summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly Sequential _layers;

    /// <summary>Creates the network with TorchSharp's default initialisation (seed it first for repeatable weights).</summary>
    /// <param name="hiddenLayers">Number of hidden layers (at least 1).</param>
    /// <param name="hiddenUnits">Units per hidden layer.</param>
    /// <param name="classes">Number of outputs.</param>
    public Mlp(int hiddenLayers, int hiddenUnits = 100, int classes = 10) : base(nameof(Mlp))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenLayers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenUnits, 1);
        var layers = new List<(string, Module<Tensor, Tensor>)> { ("flatten", Flatten()) };
        long inputs = Layers.ImageSide * Layers.ImageSide;
        for (int i = 1; i <= hiddenLayers; i++)
        {
            layers.Add(($"fc{i}", Linear(inputs, hiddenUnits)));
            layers.Add(($"relu{i}", ReLU()));
            inputs = hiddenUnits;
        }
        layers.Add(("logits", Linear(inputs, classes)));
        _layers = Layers.Chain(layers);
        RegisterComponents();
    }

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
