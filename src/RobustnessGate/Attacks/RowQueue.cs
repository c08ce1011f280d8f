using static TorchSharp.torch;

namespace RobustnessGate.Attacks;

/// <summary>
/// The row scheduler of continuous batching, shared by the iterative attacks: a batch's examples wait in a queue and run
/// in at most <c>capacity</c> rows of one tensor batch; a row whose example is finished is refilled at once with the next
/// pending example, and rows are dropped only once the queue is empty. An attack keeps its per-row state (tensors and
/// host lists) aligned with <see cref="Rows"/> and applies every <see cref="RowRefill"/> that <see cref="Release"/>
/// returns to each of them. Examples enter in batch order, so every example's own state (step counter, constant,
/// optimiser moments, best example) starts as it would alone: results per example do not depend on which row it ran in.
/// </summary>
internal sealed class RowQueue : IDisposable
{
    private readonly Queue<int> _pending;
    private readonly List<int> _rows;
    private Tensor _index;

    /// <summary>Queues examples 0..<paramref name="count"/>-1 and fills the first <paramref name="capacity"/> rows.</summary>
    public RowQueue(int count, int capacity)
    {
        if (capacity < 1)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "an attack needs at least one row");
        _pending = new Queue<int>(Enumerable.Range(0, count));
        _rows = [];
        while (_rows.Count < capacity && _pending.Count > 0)
            _rows.Add(_pending.Dequeue());
        _index = MakeIndex(_rows);
    }

    /// <summary>The example (index into the batch) each row works on.</summary>
    public IReadOnlyList<int> Rows => _rows;

    /// <summary><see cref="Rows"/> as an int64 tensor, owned by the queue (valid until the next <see cref="Release"/>).</summary>
    public Tensor Index => _index;

    /// <summary>Number of rows in use; 0 once every example is finished.</summary>
    public int Count => _rows.Count;

    /// <summary>Examples not started yet.</summary>
    public int Pending => _pending.Count;

    /// <summary>
    /// Frees the rows at <paramref name="finished"/> (positions among <see cref="Rows"/>): each takes the next pending example
    /// in place, and when none is left the row is dropped. The caller applies the returned refill to its per-row state.
    /// </summary>
    public RowRefill Release(IReadOnlyList<int> finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var positions = new List<int>();
        var examples = new List<int>();
        var dropped = new HashSet<int>();
        foreach (int p in finished.Order())
        {
            if (_pending.Count > 0)
            {
                int e = _pending.Dequeue();
                _rows[p] = e;
                positions.Add(p);
                examples.Add(e);
            }
            else
            {
                dropped.Add(p);
            }
        }
        int[]? keep = null;
        if (dropped.Count > 0)
        {
            keep = Enumerable.Range(0, _rows.Count).Where(p => !dropped.Contains(p)).ToArray();
            var kept = keep.Select(p => _rows[p]).ToList();
            _rows.Clear();
            _rows.AddRange(kept);
        }
        BestExamples.Replace(ref _index, MakeIndex(_rows));
        return new RowRefill([.. positions], [.. examples], keep);
    }

    /// <inheritdoc/>
    public void Dispose() => _index.Dispose();

    private static Tensor MakeIndex(List<int> rows) =>
        tensor(rows.Select(r => (long)r).ToArray(), dtype: ScalarType.Int64).DetachFromDisposeScope();
}

/// <summary>
/// One change of the rows: the examples loaded into freed positions (positions counted before any drop), then the
/// positions kept when rows were dropped (null: none dropped). Apply it to every per-row state in this order.
/// </summary>
internal sealed class RowRefill(int[] positions, int[] examples, int[]? keep)
{
    /// <summary>Positions that took a new example.</summary>
    public IReadOnlyList<int> Positions => positions;

    /// <summary>The example each of <see cref="Positions"/> took.</summary>
    public IReadOnlyList<int> Examples => examples;

    /// <summary>Positions kept after dropping rows, or null when no row was dropped.</summary>
    public IReadOnlyList<int>? Keep => keep;

    /// <summary>Refills a per-row tensor from a per-example one (N x ...), then drops rows; replaces <paramref name="rows"/>.</summary>
    public void Apply(ref Tensor rows, Tensor perExample) => Apply(ref rows, e => perExample.index_select(0, e));

    /// <summary>Refills a per-row tensor with a constant for the new examples, then drops rows.</summary>
    public void Apply(ref Tensor rows, double fill)
    {
        if (positions.Length > 0)
        {
            using var p = LongTensor(positions);
            rows.index_fill_(0, p, fill);
        }
        Drop(ref rows);
    }

    /// <summary>Refills a per-row tensor with the value <paramref name="initial"/> gives for the new examples' indices, then drops rows.</summary>
    public void Apply(ref Tensor rows, Func<Tensor, Tensor> initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        if (positions.Length > 0)
        {
            using var scope = NewDisposeScope();
            rows.index_copy_(0, LongTensor(positions), initial(LongTensor(examples)));
        }
        Drop(ref rows);
    }

    /// <summary>Refills a per-row host list with <paramref name="initial"/> of each new example, then drops rows.</summary>
    public void Apply<T>(List<T> rows, Func<int, T> initial)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(initial);
        for (int k = 0; k < positions.Length; k++)
            rows[positions[k]] = initial(examples[k]);
        if (keep is null)
            return;
        var kept = keep.Select(p => rows[p]).ToList();
        rows.Clear();
        rows.AddRange(kept);
    }

    /// <summary>Drops the rows not kept from a per-row tensor.</summary>
    public void Drop(ref Tensor rows)
    {
        if (keep is null)
            return;
        using var k = LongTensor(keep);
        BestExamples.Replace(ref rows, rows.index_select(0, k));
    }

    private static Tensor LongTensor(IEnumerable<int> values) => tensor(values.Select(v => (long)v).ToArray(), dtype: ScalarType.Int64);
}
