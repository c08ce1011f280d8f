using static TorchSharp.torch;

namespace RobustnessGate.Models;

/// <summary>Per-channel (x - mean) / std applied inside the classifier, so attacks keep working in [0, 1] pixels.</summary>
/// <param name="Mean">One value per channel (or one for all).</param>
/// <param name="Std">One positive value per channel (or one for all).</param>
public sealed record Normalization(IReadOnlyList<float> Mean, IReadOnlyList<float> Std)
{
    /// <summary>Checks the values against a channel count.</summary>
    public void Validate(int? channels)
    {
        if (Mean.Count == 0 || Mean.Count != Std.Count)
            throw new ArgumentException($"normalisation needs as many std values as mean values (got {Mean.Count} mean, {Std.Count} std)");
        if (Std.Any(s => !(s > 0)))
            throw new ArgumentException($"normalisation std values must be positive, got [{string.Join(", ", Std)}]");
        if (channels is { } c && Mean.Count != 1 && Mean.Count != c)
            throw new ArgumentException($"normalisation has {Mean.Count} values but the images have {c} channels");
    }

    internal (Tensor Mean, Tensor Std) ToTensors()
    {
        var m = tensor(Mean.ToArray()).reshape(1, Mean.Count, 1, 1);
        var s = tensor(Std.ToArray()).reshape(1, Std.Count, 1, 1);
        return (m, s);
    }
}
