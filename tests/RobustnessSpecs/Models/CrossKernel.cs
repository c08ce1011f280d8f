using RobustnessGate.Data;
using static TorchSharp.torch;

namespace RobustnessSpecs.Models;

/// <summary>
/// How far results may move when libtorch runs other CPU kernels than the ones that produced a recorded number
/// (RobustnessGate.Runtime.CpuKernelSignature), and the per-image facts the model specs need to bound that.
/// </summary>
internal static class CrossKernel
{
    /// <summary>
    /// Bound on how far one logit of fixed weights moves between CPU kernel sets. Measured on the host that trained the
    /// shipped weights (AMD EPYC, AVX-512) over nine kernel sets simulated with ATEN_CPU_CAPABILITY (default, avx2),
    /// DNNL_MAX_CPU_ISA (AVX2, SSE41, AVX512_CORE) and MKL_CBWR / MKL_ENABLE_INSTRUCTIONS (AVX2, SSE4_2, COMPATIBLE):
    /// the logits of all 18 shipped models on the 2,000 test images moved by at most 9.5e-6 (5.7e-7 of the largest logit),
    /// and the TorchScript fixture's by 3.8e-6. 1e-4 is ten times the worst case, for CPUs that could not be simulated.
    /// </summary>
    public const float LogitShift = 1e-4f;

    /// <summary>
    /// Images whose top-two logit margin is at most 2 x <see cref="LogitShift"/>: when every logit moves by less than
    /// <see cref="LogitShift"/>, only these can change their prediction, so an accuracy measured under other kernels
    /// differs from the recorded one by at most this count / n. On the reference host the smallest margin of any shipped
    /// model is 8.2e-4 (lenet), so the count is 0 there and the comparison stays exact.
    /// </summary>
    public static int Borderline(Func<Tensor, Tensor> logits, ImageSet data, int batchSize = 500) =>
        Margins(logits, data, batchSize).Count(m => m <= 2 * LogitShift);

    /// <summary>Top-1 margin (largest minus second-largest logit) of every image, in batches of <paramref name="batchSize"/>.</summary>
    public static float[] Margins(Func<Tensor, Tensor> logits, ImageSet data, int batchSize = 500)
    {
        var margins = new List<float>(data.Count);
        using var noGrad = no_grad();
        for (int start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var top = logits(data.ImagesTensor(start, Math.Min(batchSize, data.Count - start))).topk(2, 1).values;
            margins.AddRange((top.select(1, 0) - top.select(1, 1)).data<float>().ToArray());
        }
        return margins.ToArray();
    }

    /// <summary>Whether each image is classified correctly, in batches of <paramref name="batchSize"/>.</summary>
    public static bool[] Correct(Func<Tensor, Tensor> logits, ImageSet data, int batchSize = 500)
    {
        var correct = new List<bool>(data.Count);
        using var noGrad = no_grad();
        for (int start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            int n = Math.Min(batchSize, data.Count - start);
            correct.AddRange(logits(data.ImagesTensor(start, n)).argmax(1).eq(data.LabelsTensor(start, n)).data<bool>().ToArray());
        }
        return correct.ToArray();
    }

    /// <summary>Number of images an accuracy difference amounts to on <paramref name="count"/> images (accuracies are k / count).</summary>
    public static int Images(double accuracyDifference, int count) => (int)Math.Round(Math.Abs(accuracyDifference) * count);
}
