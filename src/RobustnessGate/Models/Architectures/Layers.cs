using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RobustnessGate.Models.Architectures;

/// <summary>Building blocks shared by the zoo's architectures. Every op here is deterministic on the CPU.</summary>
internal static class Layers
{
    /// <summary>Side of the square input images every built-in architecture takes.</summary>
    public const int ImageSide = 28;

    /// <summary>Convolution (same padding, no bias: the BatchNorm shift replaces it), BatchNorm, ReLU.</summary>
    public static Sequential ConvBnRelu(long inChannels, long outChannels, long kernel, long stride = 1, long groups = 1) =>
        Sequential(
            ("conv", Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2, groups: groups, bias: false)),
            ("bn", BatchNorm2d(outChannels)),
            ("relu", ReLU()));

    /// <summary>Convolution with same padding and bias, then ReLU (the pre-BatchNorm designs: AlexNet, VGG).</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernel">Square kernel side (odd).</param>
    /// <param name="heInit">He (Kaiming normal) weights and zero bias instead of PyTorch's default initialisation.</param>
    public static Sequential ConvRelu(long inChannels, long outChannels, long kernel, bool heInit = false)
    {
        var conv = Conv2d(inChannels, outChannels, kernel, padding: kernel / 2);
        if (heInit)
        {
            init.kaiming_normal_(conv.weight, nonlinearity: init.NonlinearityType.ReLU);
            init.zeros_(conv.bias);
        }
        return Sequential(("conv", conv), ("relu", ReLU()));
    }

    /// <summary>Global average pooling to one value per channel, flattened to N x C.</summary>
    public static Sequential GlobalAveragePool() =>
        Sequential(("pool", AdaptiveAvgPool2d(1)), ("flatten", Flatten()));

    /// <summary>Wraps a list of named layers as one sequential module.</summary>
    public static Sequential Chain(IEnumerable<(string Name, Module<Tensor, Tensor> Layer)> layers) =>
        Sequential(layers.ToArray());

    /// <summary>Side of a feature map after a 2 x 2 pooling or a stride-2 same-padded convolution.</summary>
    public static int Halve(int side, bool roundUp) => roundUp ? (side + 1) / 2 : side / 2;
}
