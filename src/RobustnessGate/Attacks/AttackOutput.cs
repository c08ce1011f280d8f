using static TorchSharp.torch;

namespace RobustnessGate.Attacks;

/// <summary>What an attack returns for a batch: one candidate adversarial example per input (the clean image where it found none).</summary>
public sealed class AttackOutput : IDisposable
{
    /// <summary>Creates the output.</summary>
    /// <param name="adversarial">N x C x H x W in [0, 1].</param>
    /// <param name="perExample">Optional named per-example values (e.g. the smallest successful epsilon), NaN where undefined.</param>
    public AttackOutput(Tensor adversarial, IReadOnlyDictionary<string, double[]>? perExample = null)
    {
        Adversarial = adversarial;
        PerExample = perExample ?? new Dictionary<string, double[]>();
    }

    /// <summary>The candidate examples.</summary>
    public Tensor Adversarial { get; }

    /// <summary>Named per-example values reported with each example.</summary>
    public IReadOnlyDictionary<string, double[]> PerExample { get; }

    /// <inheritdoc/>
    public void Dispose() => Adversarial.Dispose();
}
