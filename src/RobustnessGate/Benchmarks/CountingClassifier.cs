using RobustnessGate.Models;
using static TorchSharp.torch;

namespace RobustnessGate.Benchmarks;

/// <summary>
/// Wraps a classifier and counts the batched forward passes that build a graph (the attack's forward+backward calls)
/// and the rows they carried: how full the attack kept its batches, independent of the machine's load.
/// </summary>
internal sealed class CountingClassifier(IClassifier inner) : IClassifier
{
    /// <summary>Forward passes run with gradients enabled.</summary>
    public long GradientCalls => Interlocked.Read(ref _calls);

    /// <summary>Rows (images) of those passes.</summary>
    public long GradientRows => Interlocked.Read(ref _rows);

    // Attacks may call from several threads at once (ThreadParts).
    private long _calls;
    private long _rows;

    /// <inheritdoc/>
    public string Name => inner.Name;

    /// <inheritdoc/>
    public string Sha256 => inner.Sha256;

    /// <inheritdoc/>
    public InputShape? InputShape => inner.InputShape;

    /// <inheritdoc/>
    public Tensor Logits(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (is_grad_enabled() && images.requires_grad)
        {
            Interlocked.Increment(ref _calls);
            Interlocked.Add(ref _rows, images.shape[0]);
        }
        return inner.Logits(images);
    }

    /// <summary>The wrapped classifier belongs to the caller.</summary>
    public void Dispose()
    {
    }
}
