using RobustnessGate.Runtime;
using static TorchSharp.torch;

namespace RobustnessGate.Attacks.Ead;

/// <summary>
/// One EAD run on one batch, per example as the reference code with batch size 1. The gradient step needs one
/// forward+backward at the slack point y; deciding whether the new iterate x is a better adversarial example needs the
/// logits at x, which the reference gets from a second forward pass every iteration. Here that pass runs only on rows
/// where it can change something: rows whose new distance beats their best of this step (an iterate that does not
/// cannot be recorded), and all rows at early-abort checkpoints (whose test needs the loss at x). Results are identical;
/// the cost per iteration falls once most rows have a success in the step. <see cref="EadOptions.ScoreEvery"/> above 1
/// (a deviation from the reference) scores only every so many iterates.
/// </summary>
internal sealed class EadWorker(EadOptions options, AttackBatch batch, IProgress<AttackProgress>? progress, CancellationToken cancellationToken)
{
    private const double AbortRatio = 0.9999;
    private const float InitialPrevious = 1e6f;
    private static readonly long[] ImageDims = [1, 2, 3];

    public AttackOutput Run()
    {
        using var scope = NewDisposeScope();
        var x0 = batch.Images.detach();
        int n = batch.Count;
        using var rule = MarginRule.For(batch, options.Confidence);
        using var best = new BestExamples(x0);
        var search = new ConstSearch(n, options.InitialConst);
        var gradientPasses = new PassCounter(n);
        var scoringPasses = new PassCounter(n);
        for (int step = 0; step < options.BinarySteps; step++)
        {
            RunStep(step, x0, rule, best, search, gradientPasses, scoringPasses);
            search.Update(best.EndStep());
            progress?.Report(new AttackProgress((step + 1L) * options.Iterations, (long)options.BinarySteps * options.Iterations, $"ead step {step + 1}/{options.BinarySteps}"));
            TorchRuntime.ReleaseFreedMemory();
        }
        var (adversarial, constants) = best.Result();
        return new AttackOutput(adversarial.MoveToOuterDisposeScope(), new Dictionary<string, double[]>
        {
            ["const"] = constants,
            [PassCounter.GradientPasses] = gradientPasses.Counts,
            [PassCounter.ScoringPasses] = scoringPasses.Counts,
        });
    }

    private void RunStep(int step, Tensor x0, MarginRule fullRule, BestExamples best, ConstSearch search, PassCounter gradientPasses, PassCounter scoringPasses)
    {
        using var stepScope = NewDisposeScope();
        best.BeginStep();
        var rule = fullRule.Select(best.Index);
        var x0A = x0.alias();
        var xk = x0.clone();
        var yk = x0.clone();
        var c = tensor(search.Const.Select(v => (float)v).ToArray());
        var previous = full(x0.shape[0], InitialPrevious, dtype: ScalarType.Float32);
        int checkEvery = Math.Max(1, options.Iterations / 10);
        double beta = options.Beta;
        for (int it = 0; it < options.Iterations && best.ActiveCount > 0; it++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Tensor? keep = null;
            using (var scope = NewDisposeScope())
            {
                // TensorFlow's polynomial_decay(lr, step, Iterations, 0, power 0.5), read before the step counter moves.
                double lr = options.LearningRate * Math.Sqrt(1 - (double)it / options.Iterations);
                var leaf = yk.detach().requires_grad_(true);
                using (enable_grad())
                {
                    var lossOpt = c * rule.Loss(batch.Model.Logits(leaf)) + (leaf - x0A).square().sum(ImageDims);
                    lossOpt.sum().backward();
                }
                gradientPasses.Add(best.Index);
                using (no_grad())
                {
                    var g = leaf.grad ?? throw new InvalidOperationException($"model '{batch.Model.Name}' produced no input gradient");
                    var z = yk.add(g, alpha: -lr);
                    var diff = z - x0A;
                    var newx = where(diff.gt(beta), (z - beta).clamp_max_(1), where(diff.lt(-beta), (z + beta).clamp_min_(0), x0A));
                    // Momentum k / (k + 3) with k the step counter after this step (starts at 1).
                    double zt = (it + 1.0) / (it + 4.0);
                    yk.copy_(newx + (newx - xk) * zt);
                    xk.copy_(newx);
                    bool checkpoint = options.AbortEarly && it % checkEvery == 0;
                    if (checkpoint || (it + 1) % options.ScoreEvery == 0 || it == options.Iterations - 1)
                    {
                        var delta = newx - x0A;
                        var l1 = delta.abs().sum(ImageDims);
                        var l2 = delta.square().sum(ImageDims);
                        var dist = options.DecisionRule == Ead.EadDecisionRule.L1 ? l1 : l2 + beta * l1;
                        Tensor? success;
                        if (checkpoint)
                        {
                            var logits = ScoringPass(newx, best.Index, scoringPasses);
                            var loss = c * rule.Loss(logits) + l2 + beta * l1;
                            var stalled = loss.gt(previous * AbortRatio);
                            previous.copy_(where(stalled, previous, loss));
                            success = rule.Succeeds(logits).logical_and(stalled.logical_not());
                            if (stalled.any().item<bool>())
                                keep = stalled.logical_not().nonzero().squeeze(1).MoveToOuterDisposeScope();
                        }
                        else
                        {
                            success = ScoreWhereUseful(rule, newx, dist, best, scoringPasses);
                        }
                        if (success is not null)
                            best.Offer(success, dist, newx, c);
                    }
                }
            }
            if (keep is not null)
            {
                best.Retain(keep);
                BestExamples.Replace(ref x0A, x0A.index_select(0, keep));
                BestExamples.Replace(ref xk, xk.index_select(0, keep));
                BestExamples.Replace(ref yk, yk.index_select(0, keep));
                BestExamples.Replace(ref c, c.index_select(0, keep));
                BestExamples.Replace(ref previous, previous.index_select(0, keep));
                BestExamples.Replace(ref rule, fullRule.Select(best.Index));
                keep.Dispose();
            }
            if (it % 10 == 9)
                progress?.Report(new AttackProgress((long)step * options.Iterations + it + 1, (long)options.BinarySteps * options.Iterations, $"ead step {step + 1}/{options.BinarySteps}"));
        }
        rule.Dispose();
    }

    /// <summary>Success of the rows whose distance beats the step's best (false elsewhere), or null when no row can improve.</summary>
    private Tensor? ScoreWhereUseful(MarginRule rule, Tensor candidates, Tensor dist, BestExamples best, PassCounter scoringPasses)
    {
        var useful = dist.lt(best.StepDistance);
        var rows = useful.nonzero().squeeze(1);
        long count = rows.shape[0];
        if (count == 0)
            return null;
        if (count == useful.shape[0])
            return rule.Succeeds(ScoringPass(candidates, best.Index, scoringPasses));
        var some = rule.Succeeds(ScoringPass(candidates.index_select(0, rows), best.Index.index_select(0, rows), scoringPasses), rows);
        return zeros_like(useful).index_copy_(0, rows, some);
    }

    /// <summary>The forward-only pass that scores iterates, counted for the examples <paramref name="batchRows"/> it covers.</summary>
    private Tensor ScoringPass(Tensor images, Tensor batchRows, PassCounter scoringPasses)
    {
        scoringPasses.Add(batchRows);
        return batch.Model.Logits(images);
    }
}
