using RobustnessGate.Models.Architectures;
using RobustnessGate.Training;

namespace RobustnessGate.Models;

/// <summary>The catalogue of built-in models.</summary>
public static class KnownModels
{
    /// <summary>LeNet-style CNN: the default model of the tool.</summary>
    public static BuiltInModel LeNet { get; } = new(
        "lenet", "LeNet", "LeNet-style CNN: conv16-5, pool, conv32-5, pool, fc128, fc10",
        new InputShape(1, 28, 28), () => new LeNet(), new TrainingOptions(Epochs: 5));

    /// <summary>Every built-in model.</summary>
    public static IReadOnlyList<BuiltInModel> All { get; } = [LeNet];

    /// <summary>The built-in model called <paramref name="name"/>, or null.</summary>
    public static BuiltInModel? Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
