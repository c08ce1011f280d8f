using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessGate.Models.Architectures;

/// <summary>
/// AlexNet-style CNN scaled to 28 x 28 digits, keeping AlexNet's layout of five convolutions and three fully connected
/// layers without BatchNorm: conv(16, 5x5) - pool - conv(32, 3x3) - pool - conv(48) - conv(48) - conv(32) - pool -
/// fc(128) - fc(128) - fc(10), ReLU after every hidden layer. The large first kernel stands in for AlexNet's 11 x 11.
/// </summary>
public sealed class AlexNetStyle : Module<Tensor, Tensor>
{
    private readonly Sequential _features;
    private readonly Sequential _classifier;

    /// <summary>Creates the network with TorchSharp's default initialisation (seed it first for repeatable weights).</summary>
    public AlexNetStyle(int classes = 10) : base(nameof(AlexNetStyle))
    {
        _features = Sequential(
            ("conv1", Layers.ConvRelu(1, 16, 5)),
            ("pool1", MaxPool2d(2)),
            ("conv2", Layers.ConvRelu(16, 32, 3)),
            ("pool2", MaxPool2d(2)),
            ("conv3", Layers.ConvRelu(32, 48, 3)),
            ("conv4", Layers.ConvRelu(48, 48, 3)),
            ("conv5", Layers.ConvRelu(48, 32, 3)),
            ("pool5", MaxPool2d(2)),
            ("flatten", Flatten()));
        int side = Layers.Halve(Layers.Halve(Layers.Halve(Layers.ImageSide, false), false), false);
        _classifier = Sequential(
            ("fc6", Linear(32 * side * side, 128)),
            ("relu6", ReLU()),
            ("fc7", Linear(128, 128)),
            ("relu7", ReLU()),
            ("fc8", Linear(128, classes)));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return _classifier.call(_features.call(input)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _features.Dispose();
            _classifier.Dispose();
        }
        base.Dispose(disposing);
    }
}
