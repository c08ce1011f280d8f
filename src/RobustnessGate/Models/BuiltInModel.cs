using static TorchSharp.torch;

namespace RobustnessGate.Models;

/// <summary>A model the tool trains and ships: its architecture, how it is trained, and where its weights live.</summary>
/// <param name="Name">Name used on the command line (e.g. "lenet").</param>
/// <param name="Family">Architecture family.</param>
/// <param name="Description">One line for listings and reports.</param>
/// <param name="InputShape">Input image shape.</param>
/// <param name="Create">Builds the untrained network (call after seeding).</param>
/// <param name="Training">Trainer settings that produce the shipped weights.</param>
/// <param name="Depth">
/// Weight layers (convolutions and fully connected layers) on the longest path from input to logits; shortcut projections
/// and parallel branches are not counted, depthwise and pointwise convolutions count separately. This is the convention
/// behind the names ResNet-20, VGG-16 and DenseNet-121.
/// </param>
/// <param name="Width">Width multiplier relative to the family's base design (MobileNet's alpha); null when the family has no width series.</param>
/// <param name="Series">
/// The depth or width series the model belongs to (e.g. "resnet-depth", "mobilenet-width"; the suffix says which of
/// <see cref="Depth"/> and <see cref="Width"/> varies along it), or null.
/// </param>
public sealed record BuiltInModel(string Name, string Family, string Description, InputShape InputShape,
    Func<nn.Module<Tensor, Tensor>> Create, TrainingOptions Training, int? Depth = null, double? Width = null, string? Series = null)
{
    /// <summary>Suffix of the series along which <see cref="Depth"/> varies.</summary>
    public const string DepthSeriesSuffix = "-depth";

    /// <summary>Suffix of the series along which <see cref="Width"/> varies.</summary>
    public const string WidthSeriesSuffix = "-width";

    /// <summary>File name of the weights (TorchSharp's own format) inside the models folder.</summary>
    public string WeightsFile => Name + ".bin";
}
