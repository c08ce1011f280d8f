using RobustnessGate.Runtime;
using static TorchSharp.torch;

namespace RobustnessGate.Attacks.CarliniWagner;

/// <summary>
/// One C&amp;W run on one batch. Every example has its own c, Adam moments, iteration counter and early-abort state, exactly
/// as if the reference code ran it with batch size 1 (as Su et al. did), so a batch gives the same per-example results as
/// single examples. Rows are scheduled by <see cref="SearchRows"/>: an example whose step aborts early starts its next
/// binary step at once, and an example that ran all its steps hands its row to the next pending one.
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
        var t0All = atanh((x0 * 2 - 1) * TanhScale);
        // The distance is measured to the tanh image of x0 (as the reference does), so w = 0 costs exactly nothing.
        var xtAll = (tanh(t0All) + 1) * 0.5;
        using var fullRule = MarginRule.For(batch, options.Confidence);
        using var rows = new SearchRows(x0, batch.RowCapacity, options.BinarySteps, options.Iterations, options.InitialConst);
        var passes = new PassCounter(batch.Count);
        var index = rows.Queue.Index;
        var w = zeros_like(x0.index_select(0, index));
        var m = zeros_like(w);
        var v = zeros_like(w);
        var t0 = t0All.index_select(0, index);
        var xt = xtAll.index_select(0, index);
        var c = rows.Constants();
        var previous = full(rows.Count, InitialPrevious, dtype: ScalarType.Float32);
        var rule = fullRule.Select(index);
        int checkEvery = Math.Max(1, options.Iterations / 10);
        var threads = new CallThreads(batch.Model, x0);
        for (long loop = 1; rows.Count > 0; loop++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var aborted = Iterate(rows, threads, passes, w, m, v, t0, xt, c, previous, rule, checkEvery);
            var (restarted, refill) = rows.Advance(aborted);
            // A new binary step: Adam state and the abort reference restart; w carries over (warm start) or restarts at 0.
            SearchRows.Reset(m, restarted, 0);
            SearchRows.Reset(v, restarted, 0);
            SearchRows.Reset(previous, restarted, InitialPrevious);
            if (!options.WarmStart)
                SearchRows.Reset(w, restarted, 0);
            if (refill is not null)
            {
                refill.Apply(ref w, 0);
                refill.Apply(ref m, 0);
                refill.Apply(ref v, 0);
                refill.Apply(ref t0, t0All);
                refill.Apply(ref xt, xtAll);
                refill.Apply(ref previous, InitialPrevious);
                BestExamples.Replace(ref rule, fullRule.Select(rows.Queue.Index));
            }
            if (restarted.Count > 0 || refill is not null)
                BestExamples.Replace(ref c, rows.Constants());
            if (loop % 10 == 0 || rows.Count == 0)
                progress?.Report(new AttackProgress(rows.Done, rows.Total, "cw"));
            // Give back what glibc keeps after freed tensors (see TorchRuntime.ReleaseFreedMemory), about once per binary step.
            if (loop % options.Iterations == 0)
                TorchRuntime.ReleaseFreedMemory();
        }
        rule.Dispose();
        var (adversarial, constants) = rows.Best.Result();
        return new AttackOutput(adversarial.MoveToOuterDisposeScope(), new Dictionary<string, double[]> { ["const"] = constants, [PassCounter.GradientPasses] = passes.Counts });
    }

    /// <summary>One Adam iteration of every row; returns which rows aborted their step at a checkpoint (null: no row was at one).</summary>
    private bool[]? Iterate(SearchRows rows, CallThreads threads, PassCounter passes, Tensor w, Tensor m, Tensor v, Tensor t0, Tensor xt, Tensor c, Tensor previous,
        MarginRule rule, int checkEvery)
    {
        using var scope = NewDisposeScope();
        // The rows left at the end of the searches run on one thread (CallThreads).
        using var oneThread = threads.For(rows.Count);
        var leaf = w.detach().requires_grad_(true);
        Tensor xadv, logits, dist, loss;
        using (enable_grad())
        {
            xadv = (tanh(leaf + t0) + 1) * 0.5;
            logits = batch.Model.Logits(xadv);
            dist = (xadv - xt).square().flatten(1).sum(1);
            loss = dist + c * rule.Loss(logits);
            loss.sum().backward();
        }
        passes.Add(rows.Queue.Rows);
        using var noGrad = no_grad();
        var g = leaf.grad ?? throw new InvalidOperationException($"model '{batch.Model.Name}' produced no input gradient");
        // lr * sqrt(1 - b2^t) / (1 - b1^t) * m / sqrt(v + eps) (reference) or m / (sqrt(v) + eps) (TensorFlow); t from 1 each step.
        m.mul_(Beta1).add_(g, alpha: 1 - Beta1);
        v.mul_(Beta2).addcmul_(g, g, value: 1 - Beta2);
        var denominator = options.Adam == CwAdam.Reference ? (v + AdamEpsilon).sqrt_() : v.sqrt().add_(AdamEpsilon);
        // Per-row step size, rounded to float32 as addcdiv_'s scalar is: w + (s * m) / d is addcdiv_'s arithmetic, bit for bit.
        var stepSize = SearchRows.PerRow(rows.Iteration.Select(it =>
            (float)(-options.LearningRate * (Math.Sqrt(1 - Math.Pow(Beta2, it + 1)) / (1 - Math.Pow(Beta1, it + 1))))), w);
        w.add_(stepSize.mul(m).div_(denominator));

        var success = rule.Succeeds(logits.detach());
        bool[]? aborted = null;
        var checkpoint = rows.Iteration.Select(it => options.AbortEarly && it % checkEvery == 0).ToArray();
        if (checkpoint.Any(b => b))
        {
            // The reference breaks before recording this iterate, but after its Adam step (which the warm start keeps).
            var atCheckpoint = tensor(checkpoint);
            var stalled = atCheckpoint.logical_and(loss.detach().gt(previous * AbortRatio));
            previous.copy_(where(atCheckpoint.logical_and(stalled.logical_not()), loss.detach(), previous));
            success = success.logical_and(stalled.logical_not());
            aborted = stalled.data<bool>().ToArray();
        }
        rows.Best.Offer(success, dist.detach(), xadv.detach(), c);
        return aborted;
    }
}
