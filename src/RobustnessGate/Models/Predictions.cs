using RobustnessGate.Data;
using static TorchSharp.torch;

namespace RobustnessGate.Models;

/// <summary>
/// The one place that turns a forward pass into predictions: batched, without gradients, logits in float32. The evaluator,
/// the trainer's accuracy and transferability all predict through it, so "the model's prediction" means one thing.
/// </summary>
public static class Predictions
{
    /// <summary>Logits (N x K, float32) of every image of <paramref name="data"/>, in batches of <paramref name="batchSize"/>.</summary>
    /// <param name="forward">The forward pass (pixels in [0, 1] in, logits out).</param>
    /// <param name="data">The images.</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <param name="checkBatch">Optional check of each batch's raw output (input batch, output), called before it is kept.</param>
    public static Tensor Logits(Func<Tensor, Tensor> forward, ImageSet data, int batchSize, Action<Tensor, Tensor>? checkBatch = null)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        try
        {
            for (int start = 0; start < data.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var x = data.ImagesTensor(start, Math.Min(batchSize, data.Count - start));
                var logits = forward(x);
                checkBatch?.Invoke(x, logits);
                parts.Add(logits.to(ScalarType.Float32).MoveToOuterDisposeScope());
            }
            return cat(parts, 0);
        }
        finally
        {
            foreach (var p in parts)
                p.Dispose();
        }
    }

    /// <summary>Top-1 class of each image of a batch already in memory.</summary>
    public static long[] TopOne(Func<Tensor, Tensor> forward, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return forward(images).argmax(1).data<long>().ToArray();
    }

    /// <summary>The <paramref name="k"/> highest-scoring classes of each image of a batch already in memory, best first
    /// (fewer when the model has fewer classes).</summary>
    public static long[][] TopK(Func<Tensor, Tensor> forward, Tensor images, int k)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = forward(images).to(ScalarType.Float32);
        int take = (int)Math.Min(k, logits.shape[1]);
        var flat = logits.topk(take, 1).indexes.contiguous().data<long>().ToArray();
        return Enumerable.Range(0, (int)logits.shape[0]).Select(i => flat.AsSpan(i * take, take).ToArray()).ToArray();
    }

    /// <summary>Top-1 accuracy of <paramref name="forward"/> on <paramref name="data"/>.</summary>
    public static double Accuracy(Func<Tensor, Tensor> forward, ImageSet data, int batchSize = 500)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var logits = Logits(forward, data, batchSize);
        using var predicted = logits.argmax(1);
        using var labels = data.LabelsTensor();
        using var hits = predicted.eq(labels).sum();
        return (double)hits.item<long>() / data.Count;
    }
}
