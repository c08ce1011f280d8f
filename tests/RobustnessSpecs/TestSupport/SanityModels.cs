using RobustnessGate.Models;

namespace RobustnessSpecs.TestSupport;

/// <summary>Purpose-built broken models for the sanity specs, each around the fixed-weight linear template matcher.</summary>
public static class SanityModels
{
    private static LinearModule Inner()
    {
        var (w, b) = TestModels.LinearWeights();
        return new LinearModule(w, b);
    }

    /// <summary>Rounds and detaches its input: zero input gradients everywhere.</summary>
    public static ModuleClassifier Masked() => new("masked-linear", new RoundingModule(Inner()), new InputShape(1, 28, 28));

    /// <summary>Dropout left on: the wrapper sets eval mode, and the model is switched back to train mode, as a forgotten model.eval() would leave it.</summary>
    public static ModuleClassifier Dropout()
    {
        var model = new ModuleClassifier("dropout-linear", new DropoutModule(Inner()), new InputShape(1, 28, 28));
        model.Module.train();
        return model;
    }

    /// <summary>A model on which FGSM at half a budget goes further than at the full budget (success not monotone).</summary>
    public static ModuleClassifier Wavy() => new("wavy-linear", new WavyModule(Inner()), new InputShape(1, 28, 28));

    /// <summary>NaN logits for every second image of a batch.</summary>
    public static ModuleClassifier NaN() => new("nan-linear", new NanModule(Inner()), new InputShape(1, 28, 28));
}
