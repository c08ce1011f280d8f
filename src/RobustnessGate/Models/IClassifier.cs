using static TorchSharp.torch;

namespace RobustnessGate.Models;

/// <summary>
/// An image classifier as attacks see it: pixels in [0, 1] in, logits out. Any normalisation lives inside the
/// implementation. Implementations are in eval mode with frozen parameters.
/// </summary>
public interface IClassifier : IDisposable
{
    /// <summary>Display name (built-in name or file name).</summary>
    string Name { get; }

    /// <summary>SHA-256 (hex) of the weights or of the model file; for a file behind a normalisation, <see cref="Normalization.Fingerprint"/> of the two.</summary>
    string Sha256 { get; }

    /// <summary>Expected input shape C x H x W, or null when the model does not declare one (TorchScript).</summary>
    InputShape? InputShape { get; }

    /// <summary>Logits for a batch N x C x H x W of pixels in [0, 1]. Differentiable with respect to the input.</summary>
    Tensor Logits(Tensor images);
}
