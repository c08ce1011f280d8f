using RobustnessGate.Models;

namespace RobustnessGate.Gate;

/// <summary>A check's model: a built-in name or a TorchScript file (absolute path), with an optional normalisation.</summary>
/// <param name="Spec">Built-in name or absolute path.</param>
/// <param name="Normalization">Per-channel mean/std applied inside the classifier, or null.</param>
public sealed record ModelSource(string Spec, Normalization? Normalization)
{
    /// <summary>A stable text naming the source (to load each model once).</summary>
    public string Key => Normalization is null ? Spec : $"{Spec}|{string.Join(",", Normalization.Mean)}|{string.Join(",", Normalization.Std)}";

    /// <summary>The name shown in messages: the built-in name or the file name.</summary>
    public string DisplayName => Path.GetFileName(Spec);
}
