using RobustnessGate.Runtime;
using static TorchSharp.torch;

namespace RobustnessGate.Attacks.Ead;

/// <summary>
/// One EAD run on one batch, per example as the reference code with batch size 1. The gradient step needs one
/// forward+backward at the slack point y; deciding whether the new iterate x is a better adversarial example needs the
/// logits at x, which the reference gets from a second forward pass every iteration. Here that pass runs only on rows
/// where it can change something: rows whose new distance beats their best of this step (an iterate that does not
/// cannot be recorded), and rows at early-abort checkpoints (whose test needs the loss at x). Results are identical;
/// the cost per iteration falls once most rows have a success in the step. <see cref="EadOptions.ScoreEvery"/> above 1
/// (a deviation from the reference) scores only every so many iterates. Rows are scheduled by <see cref="SearchRows"/>:
/// each example runs its binary steps with its own iteration counter (learning-rate decay, momentum, checkpoints), starts
/// its next step as soon as one ends, and hands its row to the next pending example after its last step.
/// </summary>
internal sealed class EadWorker(EadOptions options, AttackBatch batch, IProgress<AttackProgress>? progress, CancellationToken cancellationToken)
{
    private const double AbortRatio = 0.9999;
    private const float InitialPrevious = 1e6f;
    private static readonly long[] ImageDims = [1, 2, 3];

    public AttackOutput Run()
    {
        using var scope = NewDisposeScope();
        var x0All = batch.Images.detach();
        using var fullRule = MarginRule.For(batch, options.Confidence);
        using var rows = new SearchRows(x0All, batch.RowCapacity, options.BinarySteps, options.Iterations, options.InitialConst);
        var gradientPasses = new PassCounter(batch.Count);
        var scoringPasses = new PassCounter(batch.Count);
        var x0 = x0All.index_select(0, rows.Queue.Index);
        var xk = x0.clone();
        var yk = x0.clone();
        var c = rows.Constants();
        var previous = full(rows.Count, InitialPrevious, dtype: ScalarType.Float32);
        var rule = fullRule.Select(rows.Queue.Index);
        var threads = new CallThreads(batch.Model, x0All);
        for (long loop = 1; rows.Count > 0; loop++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var aborted = Iterate(rows, threads, gradientPasses, scoringPasses, x0, xk, yk, c, previous, rule);
            var (restarted, refill) = rows.Advance(aborted);
            if (restarted.Count > 0)
            {
                // A new binary step starts at the clean image with a fresh abort reference (reference code).
                using var p = tensor(restarted.Select(r => (long)r).ToArray(), dtype: ScalarType.Int64);
                using (var start = x0.index_select(0, p))
                {
                    xk.index_copy_(0, p, start);
                    yk.index_copy_(0, p, start);
                }
                SearchRows.Reset(previous, restarted, InitialPrevious);
            }
            if (refill is not null)
            {
                refill.Apply(ref x0, x0All);
                refill.Apply(ref xk, x0All);
                refill.Apply(ref yk, x0All);
                refill.Apply(ref previous, InitialPrevious);
                BestExamples.Replace(ref rule, fullRule.Select(rows.Queue.Index));
            }
            if (restarted.Count > 0 || refill is not null)
                BestExamples.Replace(ref c, rows.Constants());
            if (loop % 10 == 0 || rows.Count == 0)
                progress?.Report(new AttackProgress(rows.Done, rows.Total, "ead"));
            if (loop % options.Iterations == 0)
                TorchRuntime.ReleaseFreedMemory();
        }
        rule.Dispose();
        var (adversarial, constants) = rows.Best.Result();
        return new AttackOutput(adversarial.MoveToOuterDisposeScope(), new Dictionary<string, double[]>
        {
            ["const"] = constants,
            [PassCounter.GradientPasses] = gradientPasses.Counts,
            [PassCounter.ScoringPasses] = scoringPasses.Counts,
        });
    }

    /// <summary>One ISTA step of every row and the scoring it needs; returns which rows aborted their step (null: no row was at a checkpoint).</summary>
    private bool[]? Iterate(SearchRows rows, CallThreads threads, PassCounter gradientPasses, PassCounter scoringPasses, Tensor x0, Tensor xk, Tensor yk, Tensor c,
        Tensor previous, MarginRule rule)
    {
        using var scope = NewDisposeScope();
        // The rows left at the end of the searches run on one thread (CallThreads).
        using var oneThread = threads.For(rows.Count);
        var its = rows.Iteration;
        int checkEvery = Math.Max(1, options.Iterations / 10);
        double beta = options.Beta;
        var leaf = yk.detach().requires_grad_(true);
        using (enable_grad())
        {
            var lossOpt = c * rule.Loss(batch.Model.Logits(leaf)) + (leaf - x0).square().sum(ImageDims);
            lossOpt.sum().backward();
        }
        gradientPasses.Add(rows.Queue.Rows);
        using var noGrad = no_grad();
        var g = leaf.grad ?? throw new InvalidOperationException($"model '{batch.Model.Name}' produced no input gradient");
        // TensorFlow's polynomial_decay(lr, step, Iterations, 0, power 0.5), read before the step counter moves; per row,
        // rounded to float32 as add's alpha is: y + g * (-lr) by addcmul_ is add(g, alpha: -lr)'s fused arithmetic, bit for bit.
        var rate = SearchRows.PerRow(its.Select(it => (float)-(options.LearningRate * Math.Sqrt(1 - (double)it / options.Iterations))), yk);
        var z = yk.addcmul(g, rate, value: 1);
        var diff = z - x0;
        var newx = where(diff.gt(beta), (z - beta).clamp_max_(1), where(diff.lt(-beta), (z + beta).clamp_min_(0), x0));
        // Momentum k / (k + 3) with k the step counter after this step (starts at 1).
        var momentum = SearchRows.PerRow(its.Select(it => (float)((it + 1.0) / (it + 4.0))), yk);
        yk.copy_(newx + (newx - xk) * momentum);
        xk.copy_(newx);
        var checkpoint = its.Select(it => options.AbortEarly && it % checkEvery == 0).ToArray();
        var scored = its.Select((it, r) => checkpoint[r] || (it + 1) % options.ScoreEvery == 0 || it == options.Iterations - 1).ToArray();
        if (!scored.Any(b => b))
            return null;
        var delta = newx - x0;
        var l1 = delta.abs().sum(ImageDims);
        var l2 = delta.square().sum(ImageDims);
        var dist = options.DecisionRule == EadDecisionRule.L1 ? l1 : l2 + beta * l1;
        // Checkpoint rows are always scored; other scored rows only when their distance beats the step's best.
        var atCheckpoint = tensor(checkpoint);
        var need = atCheckpoint.logical_or(tensor(scored).logical_and(dist.lt(rows.Best.StepDistance)));
        var some = need.nonzero().squeeze(1);
        long count = some.shape[0];
        if (count == 0)
            return null;
        bool all = count == need.shape[0];
        var examples = all ? rows.Queue.Index : rows.Queue.Index.index_select(0, some);
        scoringPasses.Add(examples.data<long>().Select(e => (int)e));
        var logits = batch.Model.Logits(all ? newx : newx.index_select(0, some));
        var success = all ? rule.Succeeds(logits) : rule.Succeeds(logits, some);
        bool[]? aborted = null;
        if (checkpoint.Any(b => b))
        {
            var pick = (Tensor t) => all ? t : t.index_select(0, some);
            var loss = pick(c) * (all ? rule.Loss(logits) : rule.Loss(logits, some)) + pick(l2) + beta * pick(l1);
            var last = pick(previous);
            var stalled = pick(atCheckpoint).logical_and(loss.gt(last * AbortRatio));
            var updated = where(pick(atCheckpoint).logical_and(stalled.logical_not()), loss, last);
            success = success.logical_and(stalled.logical_not());
            if (all)
            {
                previous.copy_(updated);
                aborted = stalled.data<bool>().ToArray();
            }
            else
            {
                previous.index_copy_(0, some, updated);
                aborted = zeros(need.shape[0], dtype: ScalarType.Bool).index_copy_(0, some, stalled).data<bool>().ToArray();
            }
        }
        if (!all)
            success = zeros(need.shape[0], dtype: ScalarType.Bool).index_copy_(0, some, success);
        rows.Best.Offer(success, dist, newx, c);
        return aborted;
    }
}
