using RobustnessGate.Runtime;
using static TorchSharp.torch;

namespace RobustnessGate.Attacks.CarliniWagner;

/// <summary>
/// One C&amp;W run on one batch. Every example has its own c, Adam moments and early-abort state, exactly as if the
/// reference code ran it with batch size 1 (as Su et al. did), so a batch gives the same per-example results as single
/// examples; examples whose step aborted early are dropped from the active rows until the next step.
/// </summary>
internal sealed class CwWorker(CwOptions options, AttackBatch batch, IProgress<AttackProgress>? progress, CancellationToken cancellationToken)
{
    /// <summary>atanh argument scale: the reference maps [-0.5, 0.5] with 1.999999, i.e. 2x - 1 in [0, 1] units times 0.9999995.</summary>
    private const double TanhScale = 1.999999 / 2;
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double AdamEpsilon = 1e-8;

    /// <summary>Abort when the loss did not fall below this fraction of the last checkpoint's loss (reference code).</summary>
    private const double AbortRatio = 0.9999;

    /// <summary>The reference code's initial "previous loss".</summary>
    private const float InitialPrevious = 1e6f;

    public AttackOutput Run()
    {
        using var scope = NewDisposeScope();
        var x0 = batch.Images.detach();
        int n = batch.Count;
        var t0 = atanh((x0 * 2 - 1) * TanhScale);
        // The distance is measured to the tanh image of x0 (as the reference does), so w = 0 costs exactly nothing.
        var xt = (tanh(t0) + 1) * 0.5;
        using var rule = MarginRule.For(batch, options.Confidence);
        using var best = new BestExamples(x0);
        var search = new ConstSearch(n, options.InitialConst);
        var passes = new PassCounter(n);
        var w = zeros_like(x0);
        long total = (long)options.BinarySteps * options.Iterations;
        for (int step = 0; step < options.BinarySteps; step++)
        {
            if (!options.WarmStart)
                w.zero_();
            RunStep(step, x0, t0, xt, rule, best, search, w, passes);
            search.Update(best.EndStep());
            progress?.Report(new AttackProgress((step + 1L) * options.Iterations, total, $"cw step {step + 1}/{options.BinarySteps}"));
            // Give back what glibc keeps after the step's tensors are freed (see TorchRuntime.ReleaseFreedMemory).
            TorchRuntime.ReleaseFreedMemory();
        }
        var (adversarial, constants) = best.Result();
        return new AttackOutput(adversarial.MoveToOuterDisposeScope(), new Dictionary<string, double[]> { ["const"] = constants, [PassCounter.GradientPasses] = passes.Counts });
    }

    private void RunStep(int step, Tensor x0, Tensor t0, Tensor xt, MarginRule fullRule, BestExamples best, ConstSearch search, Tensor w, PassCounter passes)
    {
        using var stepScope = NewDisposeScope();
        best.BeginStep();
        var rule = fullRule.Select(best.Index);
        var wA = w.clone();
        var m = zeros_like(wA);
        var v = zeros_like(wA);
        var t0A = t0.alias();
        var xtA = xt.alias();
        var c = tensor(search.Const.Select(v => (float)v).ToArray());
        var previous = full(x0.shape[0], InitialPrevious, dtype: ScalarType.Float32);
        int checkEvery = Math.Max(1, options.Iterations / 10);
        for (int it = 0; it < options.Iterations && best.ActiveCount > 0; it++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Tensor? keep = null;
            using (var scope = NewDisposeScope())
            {
                var leaf = wA.detach().requires_grad_(true);
                Tensor xadv, logits, dist, loss;
                using (enable_grad())
                {
                    xadv = (tanh(leaf + t0A) + 1) * 0.5;
                    logits = batch.Model.Logits(xadv);
                    dist = (xadv - xtA).square().flatten(1).sum(1);
                    loss = dist + c * rule.Loss(logits);
                    loss.sum().backward();
                }
                passes.Add(best.Index);
                using (no_grad())
                {
                    var g = leaf.grad ?? throw new InvalidOperationException($"model '{batch.Model.Name}' produced no input gradient");
                    // lr * sqrt(1 - b2^t) / (1 - b1^t) * m / sqrt(v + eps) (reference) or m / (sqrt(v) + eps) (TensorFlow); t from 1 each step.
                    m.mul_(Beta1).add_(g, alpha: 1 - Beta1);
                    v.mul_(Beta2).addcmul_(g, g, value: 1 - Beta2);
                    double corr = Math.Sqrt(1 - Math.Pow(Beta2, it + 1)) / (1 - Math.Pow(Beta1, it + 1));
                    var denominator = options.Adam == CwAdam.Reference ? (v + AdamEpsilon).sqrt_() : v.sqrt().add_(AdamEpsilon);
                    wA.addcdiv_(m, denominator, value: -options.LearningRate * corr);

                    var success = rule.Succeeds(logits.detach());
                    if (options.AbortEarly && it % checkEvery == 0)
                    {
                        // The reference breaks before recording this iterate, but after its Adam step (which the warm start keeps).
                        var stalled = loss.detach().gt(previous * AbortRatio);
                        previous.copy_(where(stalled, previous, loss.detach()));
                        success = success.logical_and(stalled.logical_not());
                        if (stalled.any().item<bool>())
                            keep = stalled.logical_not().nonzero().squeeze(1).MoveToOuterDisposeScope();
                    }
                    best.Offer(success, dist.detach(), xadv.detach(), c);
                }
            }
            if (keep is not null)
            {
                w.index_copy_(0, best.Index, wA);
                best.Retain(keep);
                Compact(keep, ref wA, ref m, ref v, ref t0A, ref xtA, ref c, ref previous);
                BestExamples.Replace(ref rule, fullRule.Select(best.Index));
                keep.Dispose();
            }
            if (it % 10 == 9)
                progress?.Report(new AttackProgress((long)step * options.Iterations + it + 1, (long)options.BinarySteps * options.Iterations, $"cw step {step + 1}/{options.BinarySteps}"));
        }
        w.index_copy_(0, best.Index, wA);
        rule.Dispose();
    }

    private static void Compact(Tensor keep, ref Tensor a, ref Tensor b, ref Tensor c, ref Tensor d, ref Tensor e, ref Tensor f, ref Tensor g)
    {
        BestExamples.Replace(ref a, a.index_select(0, keep));
        BestExamples.Replace(ref b, b.index_select(0, keep));
        BestExamples.Replace(ref c, c.index_select(0, keep));
        BestExamples.Replace(ref d, d.index_select(0, keep));
        BestExamples.Replace(ref e, e.index_select(0, keep));
        BestExamples.Replace(ref f, f.index_select(0, keep));
        BestExamples.Replace(ref g, g.index_select(0, keep));
    }
}
