using RobustnessGate.Models;
using RobustnessGate.Runtime;
using static TorchSharp.torch;

namespace RobustnessGate.Attacks;

/// <summary>
/// Runs an attack iteration on one thread when its batch is too small for more threads to pay off. The binary searches
/// of C&amp;W and EAD end with a few rows running alone for thousands of iterations (the example with the longest search
/// holds its row to the end); under the PASSIVE wait policy every parallel region of such a small call wakes the
/// sleeping OpenMP threads, which costs more than their share of the work saves. The rule is counted, not timed, so it
/// picks the same thread count for the same call on every machine: one thread when rows x multiply-adds per image is
/// at most <see cref="WorkPerLayer"/> x the model's layer calls (<see cref="ModelWork.Measure"/>).
/// Since <see cref="ThreadParts"/> runs each part with libtorch on one thread, this acts where an attack still runs on
/// more threads: a batch of one example, which ThreadParts hands over as it is. There the count keeps a model whose
/// image is too much work for one thread (above the rule's limit even alone) on all threads, and puts the rest on one.
/// </summary>
internal sealed class CallThreads
{
    /// <summary>
    /// Multiply-adds per layer call below which one thread is faster. Measured with <c>bench --count n --threads t</c>
    /// on 2 cores, PASSIVE (forward+backward of n images, 1 thread against 2): LeNet (1.12 M multiply-adds, 4 layer
    /// calls) 0.54 / 1.66 ms at 1 image, 1.12 / 2.78 ms at 4, 4.17 / 3.67 ms at 16, so the two meet near 16 images
    /// (about 4.5 M per layer call); densenet-22 (11.2 M, 52 layer calls) 7.1 / 13.0 ms at 1, 29 / 39 ms at 16;
    /// mobilenet-0.25 (0.26 M, 36 layer calls) 3.4 / 9.5 ms at 16. Set below LeNet's crossing point so that a call
    /// switches only where one thread is clearly faster.
    /// </summary>
    internal const long WorkPerLayer = 3_000_000;

    private readonly long perImage;
    private readonly long limit;

    /// <summary>Counts <paramref name="model"/>'s work on one image shaped like <paramref name="images"/> (N x C x H x W).</summary>
    public CallThreads(IClassifier model, Tensor images)
    {
        if (get_num_threads() <= 1)
        {
            // Already one thread (e.g. a part of ThreadParts): nothing to choose, and the count's forward hooks must not
            // be put on a model that another part is running at the same time.
            perImage = 1;
            limit = 0;
            return;
        }
        var (multiplyAdds, layers) = ModelWork.Measure(model, images.shape[1], images.shape[2], images.shape[3]);
        perImage = Math.Max(1, multiplyAdds);
        limit = Math.Max(1, layers) * WorkPerLayer;
    }

    /// <summary>True when a call on <paramref name="rows"/> images runs on one thread.</summary>
    public bool OneThread(long rows) => rows * perImage <= limit;

    /// <summary>A scope that runs the calling code on one thread when <see cref="OneThread"/> says so, else changes nothing.</summary>
    public TorchRuntime.OneThreadScope For(long rows) => OneThread(rows) ? TorchRuntime.OneThread() : default;
}
