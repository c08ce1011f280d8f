using static TorchSharp.torch;

namespace RobustnessGate.Attacks;

/// <summary>
/// The rows of C&amp;W's and EAD's binary searches under continuous batching. Each row runs one example in that example's
/// own binary step with its own iteration counter: a row whose step ends (early abort or the iteration budget) closes
/// the step at once (<see cref="ConstSearch.Update(int, bool)"/>) and starts the next one in place, and a row whose
/// example has run every step is refilled with the next pending example by the <see cref="RowQueue"/>. An example thus
/// runs exactly the steps and iterations it would run alone (the reference code runs them with batch size 1), while
/// every forward+backward runs on full rows until the queue is empty.
/// </summary>
internal sealed class SearchRows : IDisposable
{
    private readonly int _binarySteps;
    private readonly int _iterations;
    private readonly int[] _stepOf;
    private readonly List<int> _iteration;

    /// <summary>Queues the examples of <paramref name="original"/> for <paramref name="capacity"/> rows.</summary>
    public SearchRows(Tensor original, int capacity, int binarySteps, int iterations, double initialConst)
    {
        int n = (int)original.shape[0];
        _binarySteps = binarySteps;
        _iterations = iterations;
        _stepOf = new int[n];
        Queue = new RowQueue(n, capacity);
        Best = new BestExamples(original, Queue.Index);
        Search = new ConstSearch(n, initialConst);
        _iteration = Enumerable.Repeat(0, Queue.Count).ToList();
        Total = (long)n * binarySteps * iterations;
    }

    /// <summary>The row scheduler.</summary>
    public RowQueue Queue { get; }

    /// <summary>Best-so-far bookkeeping, aligned with the rows.</summary>
    public BestExamples Best { get; }

    /// <summary>The per-example constants.</summary>
    public ConstSearch Search { get; }

    /// <summary>Each row's iteration within its binary step (0-based), the counter the optimiser and the abort checks read.</summary>
    public IReadOnlyList<int> Iteration => _iteration;

    /// <summary>Rows in use.</summary>
    public int Count => Queue.Count;

    /// <summary>Example-iterations of the whole search (examples x steps x iterations), the progress total.</summary>
    public long Total { get; }

    /// <summary>Example-iterations run or skipped by an early abort so far.</summary>
    public long Done { get; private set; }

    /// <summary>Each row's constant c (float32, one per row).</summary>
    public Tensor Constants() => tensor(Queue.Rows.Select(e => (float)Search.Const[e]).ToArray());

    /// <summary>
    /// Counts the iteration every row just ran and ends the steps of rows that aborted (<paramref name="aborted"/>, null:
    /// none) or ran their last iteration. Returns the rows that start their next step in place (positions before the
    /// refill: reset their per-step state first) and the refill for rows whose example ran its last step (null: none).
    /// </summary>
    public (IReadOnlyList<int> Restarted, RowRefill? Refill) Advance(bool[]? aborted)
    {
        var ended = new List<int>();
        for (int r = 0; r < _iteration.Count; r++)
        {
            _iteration[r]++;
            Done++;
            if (_iteration[r] == _iterations || (aborted is not null && aborted[r]))
                ended.Add(r);
        }
        if (ended.Count == 0)
            return ([], null);
        var found = Best.EndSteps(ended);
        var restarted = new List<int>();
        var finished = new List<int>();
        for (int k = 0; k < ended.Count; k++)
        {
            int r = ended[k], e = Queue.Rows[r];
            Done += _iterations - _iteration[r];
            _iteration[r] = 0;
            Search.Update(e, found[k]);
            (++_stepOf[e] < _binarySteps ? restarted : finished).Add(r);
        }
        if (finished.Count == 0)
            return (restarted, null);
        var refill = Queue.Release(finished);
        Best.Apply(refill);
        refill.Apply(_iteration, _ => 0);
        return (restarted, refill);
    }

    /// <summary>Fills <paramref name="positions"/> of a per-row tensor with <paramref name="value"/> (a new step's state).</summary>
    public static void Reset(Tensor rows, IReadOnlyList<int> positions, double value)
    {
        if (positions.Count == 0)
            return;
        using var p = tensor(positions.Select(v => (long)v).ToArray(), dtype: ScalarType.Int64);
        rows.index_fill_(0, p, value);
    }

    /// <summary>Per-row float32 values as an N x 1 x 1 x ... tensor that broadcasts over images shaped like <paramref name="like"/>.</summary>
    public static Tensor PerRow(IEnumerable<float> values, Tensor like) =>
        tensor(values.ToArray()).view(Gradients.ShapeForBroadcast(like));

    /// <inheritdoc/>
    public void Dispose()
    {
        Best.Dispose();
        Queue.Dispose();
    }
}
