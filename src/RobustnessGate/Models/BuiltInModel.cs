using RobustnessGate.Training;
using static TorchSharp.torch;

namespace RobustnessGate.Models;

/// <summary>A model the tool trains and ships: its architecture, how it is trained, and where its weights live.</summary>
/// <param name="Name">Name used on the command line (e.g. "lenet").</param>
/// <param name="Family">Architecture family.</param>
/// <param name="Description">One line for listings and reports.</param>
/// <param name="InputShape">Input image shape.</param>
/// <param name="Create">Builds the untrained network (call after seeding).</param>
/// <param name="Training">Trainer settings that produce the shipped weights.</param>
public sealed record BuiltInModel(string Name, string Family, string Description, InputShape InputShape,
    Func<nn.Module<Tensor, Tensor>> Create, TrainingOptions Training)
{
    /// <summary>File name of the weights (TorchSharp's own format) inside the models folder.</summary>
    public string WeightsFile => Name + ".bin";
}
