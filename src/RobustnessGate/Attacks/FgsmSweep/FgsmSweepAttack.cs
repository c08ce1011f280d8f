using RobustnessGate.Attacks.Definitions;
using static TorchSharp.torch;

namespace RobustnessGate.Attacks.FgsmSweep;

/// <summary>
/// FGSM with a per-image search over a budget grid. See <see cref="FgsmSweepOptions"/>. Per example it reports "epsilon",
/// the smallest successful grid budget (NaN when none succeeds). The evaluation's success curve (fraction of attacked
/// images fooled at budget eps or less) follows from these values. Costs one forward+backward plus one forward per grid
/// point on the images not fooled yet.
/// </summary>
public sealed class FgsmSweepAttack : IContinuousBatching
{
    /// <summary>Command-line name.</summary>
    public const string AttackName = "fgsm-sweep";

    /// <summary>Creates the attack from an options record (its preset is the one it equals, else "custom").</summary>
    public FgsmSweepAttack(FgsmSweepOptions? options = null)
        : this(options ?? new FgsmSweepOptions(), null)
    {
    }

    /// <summary>Creates the attack from settings its definition validated (null: describe and validate the options).</summary>
    internal FgsmSweepAttack(FgsmSweepOptions options, AttackSettings? settings)
    {
        Options = options;
        Settings = settings ?? FgsmSweepDefinition.Instance.Describe(options);
        Grid = options.Grid();
    }

    /// <summary>The attack's definition: options, domains, presets.</summary>
    public static AttackDefinition<FgsmSweepOptions> Definition => FgsmSweepDefinition.Instance;

    /// <summary>The options.</summary>
    public FgsmSweepOptions Options { get; }

    /// <summary>The budgets tried, ascending.</summary>
    public IReadOnlyList<double> Grid { get; }

    /// <inheritdoc/>
    public string Name => AttackName;

    /// <inheritdoc/>
    public AttackSettings Settings { get; }

    /// <inheritdoc/>
    public AttackBound? Bound => null;

    /// <inheritdoc/>
    public AttackOutput Run(AttackBatch batch, IProgress<AttackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return CandidateClasses.Run(batch, Options.Candidates, Norm.Linf, b => RunOnce(b, progress, cancellationToken));
    }

    private AttackOutput RunOnce(AttackBatch batch, IProgress<AttackProgress>? progress, CancellationToken cancellationToken)
    {
        using var scope = NewDisposeScope();
        var x0 = batch.Images.detach();
        int n = batch.Count;
        var found = Enumerable.Repeat(double.NaN, n).ToArray();
        var best = x0.clone();
        var gradientPasses = new PassCounter(n);
        var scoringPasses = new PassCounter(n);
        // Continuous batching: each row walks its own example up the grid; a row whose example is fooled (or ran out of
        // grid) takes the next pending example at once. Directions are computed in blocks of RowCapacity examples in batch
        // order (one full forward+backward each), as the batch would have been split without refilling.
        // An empty grid (max-epsilon below the step, e.g. 0) queues nothing: every image keeps its clean value.
        using var queue = new RowQueue(Grid.Count == 0 ? 0 : n, batch.RowCapacity);
        using var directions = new DirectionBlocks(this, batch, batch.RowCapacity, gradientPasses);
        var x = x0.index_select(0, queue.Index);
        var d = directions.For(queue.Rows);
        var classes = batch.Classes.index_select(0, queue.Index);
        var point = Enumerable.Repeat(0, queue.Count).ToList();
        long tried = 0, total = (long)n * Grid.Count;
        for (long loop = 1; queue.Count > 0; loop++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var finished = Step(batch, queue, x, d, classes, point, best, found, scoringPasses, ref tried);
            if (finished.Count > 0)
            {
                var refill = queue.Release(finished);
                refill.Apply(ref x, x0);
                refill.Apply(ref classes, batch.Classes);
                using (var fresh = directions.For(refill.Examples))
                    refill.Apply(ref d, _ => fresh.alias());
                refill.Apply(point, _ => 0);
            }
            if (loop % 10 == 0 || queue.Count == 0)
                progress?.Report(new AttackProgress(tried, total, "fgsm-sweep"));
        }
        return new AttackOutput(best.MoveToOuterDisposeScope(), new Dictionary<string, double[]>
        {
            ["epsilon"] = found,
            [PassCounter.GradientPasses] = gradientPasses.Counts,
            [PassCounter.ScoringPasses] = scoringPasses.Counts,
        });
    }

    /// <summary>
    /// Tries every row's current grid point (one forward pass): fooled rows record their budget and example; the others move
    /// to their next point. Returns the rows that are finished (fooled or out of grid).
    /// </summary>
    private List<int> Step(AttackBatch batch, RowQueue queue, Tensor x, Tensor d, Tensor classes, List<int> point, Tensor best,
        double[] found, PassCounter scoringPasses, ref long tried)
    {
        using var scope = NewDisposeScope();
        // x + eps * d as the fixed-budget sweep computes it (the float32 product, then the sum), with each row's own eps.
        var eps = SearchRows.PerRow(point.Select(k => (float)Grid[k]), x);
        var candidate = (x + eps * d).clamp_(0, 1);
        bool[] ok;
        using (no_grad())
        {
            var predicted = batch.Model.Logits(candidate).argmax(1);
            ok = (batch.Targeted ? predicted.eq(classes) : predicted.ne(classes)).data<bool>().ToArray();
        }
        scoringPasses.Add(queue.Rows);
        var finished = new List<int>();
        var fooled = new List<int>();
        for (int r = 0; r < ok.Length; r++)
        {
            if (ok[r])
            {
                found[queue.Rows[r]] = Grid[point[r]];
                tried += Grid.Count - point[r];
                fooled.Add(r);
                finished.Add(r);
                continue;
            }
            tried++;
            if (++point[r] == Grid.Count)
                finished.Add(r);
        }
        if (fooled.Count > 0)
        {
            var rows = tensor(fooled.Select(r => (long)r).ToArray(), dtype: ScalarType.Int64);
            var examples = tensor(fooled.Select(r => (long)queue.Rows[r]).ToArray(), dtype: ScalarType.Int64);
            best.index_copy_(0, examples, candidate.index_select(0, rows));
        }
        return finished;
    }

    /// <summary>
    /// The sweep directions (sign of the gradient, or its L2 normalisation) of the batch's examples, computed in blocks of
    /// <c>size</c> consecutive examples when the queue first reaches a block; a block is dropped once the queue has moved past it.
    /// </summary>
    private sealed class DirectionBlocks(FgsmSweepAttack attack, AttackBatch batch, int size, PassCounter passes) : IDisposable
    {
        private readonly Dictionary<int, Tensor> _blocks = [];

        /// <summary>The directions of <paramref name="examples"/> (ascending or not), stacked in their order.</summary>
        public Tensor For(IReadOnlyList<int> examples)
        {
            if (examples.Count == 0)
                return empty(0);
            int newest = examples.Max() / size;
            foreach (var old in _blocks.Keys.Where(b => b < examples.Min() / size).ToList())
            {
                _blocks[old].Dispose();
                _blocks.Remove(old);
            }
            for (int b = examples.Min() / size; b <= newest; b++)
            {
                if (!_blocks.ContainsKey(b))
                    _blocks[b] = Compute(b);
            }
            using var scope = NewDisposeScope();
            var parts = examples.Select(e => _blocks[e / size].narrow(0, e % size, 1)).ToList();
            return cat(parts, 0).MoveToOuterDisposeScope();
        }

        private Tensor Compute(int block)
        {
            using var scope = NewDisposeScope();
            int start = block * size, count = Math.Min(size, batch.Count - start);
            var x = batch.Images.narrow(0, start, count).detach();
            var classes = batch.Classes.narrow(0, start, count);
            var (grad, _) = Gradients.Of(batch.Model, x, z => Losses.Objective(attack.Options.Loss, z, classes, batch.Targeted));
            passes.Add(Enumerable.Range(start, count));
            var direction = attack.Options.Norm == Norm.Linf ? grad.sign() : Gradients.NormalizeL2(grad);
            return direction.DetachFromDisposeScope();
        }

        public void Dispose()
        {
            foreach (var t in _blocks.Values)
                t.Dispose();
        }
    }
}
