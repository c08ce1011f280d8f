using static TorchSharp.torch;

namespace RobustnessGate.Attacks;

/// <summary>
/// The best-so-far bookkeeping of C&amp;W and EAD, kept on tensors: for every example the smallest distance of a successful
/// iterate (over all binary steps) with its image and constant, and for the binary step its row is running whether and
/// how close it succeeded. Work runs on the rows of a <see cref="RowQueue"/> only: each row is in its own binary step
/// (<see cref="EndSteps"/> closes the steps of some rows), and rows whose example is finished are written back and
/// refilled with the next example or dropped (<see cref="Apply"/>), so finished examples stop costing compute.
/// </summary>
internal sealed class BestExamples : IDisposable
{
    /// <summary>The reference code's "nothing found yet" distance.</summary>
    private const float None = 1e10f;

    private readonly Tensor _dist;
    private readonly Tensor _adv;
    private readonly Tensor _const;
    private Tensor _index;
    private Tensor _activeDist;
    private Tensor _activeAdv;
    private Tensor _activeConst;
    private Tensor _activeStepDist;

    /// <summary>Nothing found for any example of <paramref name="original"/>; the rows start on the examples <paramref name="rows"/>.</summary>
    public BestExamples(Tensor original, Tensor rows)
    {
        int n = (int)original.shape[0];
        _dist = full(n, None, dtype: ScalarType.Float32).DetachFromDisposeScope();
        _adv = original.detach().clone().DetachFromDisposeScope();
        _const = full(n, float.NaN, dtype: ScalarType.Float32).DetachFromDisposeScope();
        _index = rows.clone().DetachFromDisposeScope();
        _activeDist = _dist.index_select(0, rows).DetachFromDisposeScope();
        _activeAdv = _adv.index_select(0, rows).DetachFromDisposeScope();
        _activeConst = _const.index_select(0, rows).DetachFromDisposeScope();
        _activeStepDist = full(rows.shape[0], None, dtype: ScalarType.Float32).DetachFromDisposeScope();
    }

    /// <summary>Distance each row must beat within its running step for an iterate to matter at all.</summary>
    public Tensor StepDistance => _activeStepDist;

    /// <summary>
    /// Records the iterates of the rows: where <paramref name="success"/> holds and the distance beats the step's
    /// (respectively the overall) best, the step best (respectively the returned example) is replaced.
    /// </summary>
    public void Offer(Tensor success, Tensor distance, Tensor candidates, Tensor constants)
    {
        using var scope = NewDisposeScope();
        var stepBetter = success.logical_and(distance.lt(_activeStepDist));
        _activeStepDist.copy_(where(stepBetter, distance, _activeStepDist));
        var better = success.logical_and(distance.lt(_activeDist));
        _activeDist.copy_(where(better, distance, _activeDist));
        _activeConst.copy_(where(better, constants, _activeConst));
        _activeAdv.copy_(where(better.view(Gradients.ShapeForBroadcast(candidates)), candidates, _activeAdv));
    }

    /// <summary>Ends the binary step of the rows at <paramref name="positions"/>: whether each had a successful iterate in it; their next step starts with none.</summary>
    public bool[] EndSteps(IReadOnlyList<int> positions)
    {
        using var scope = NewDisposeScope();
        var p = tensor(positions.Select(v => (long)v).ToArray(), dtype: ScalarType.Int64);
        var found = _activeStepDist.index_select(0, p).lt(None).data<bool>().ToArray();
        _activeStepDist.index_fill_(0, p, None);
        return found;
    }

    /// <summary>Writes the rows back, then loads the refilled rows' examples (nothing found yet) and drops rows as <paramref name="refill"/> says.</summary>
    public void Apply(RowRefill refill)
    {
        ArgumentNullException.ThrowIfNull(refill);
        WriteBack();
        refill.Apply(ref _index, e => e);
        refill.Apply(ref _activeDist, _dist);
        refill.Apply(ref _activeAdv, _adv);
        refill.Apply(ref _activeConst, _const);
        refill.Apply(ref _activeStepDist, None);
        foreach (var t in new[] { _index, _activeDist, _activeAdv, _activeConst, _activeStepDist })
            t.DetachFromDisposeScope();
    }

    /// <summary>The returned examples (the clean image where nothing succeeded) and their constants (NaN there).</summary>
    public (Tensor Adversarial, double[] Constants) Result()
    {
        WriteBack();
        using var c = _const.to(ScalarType.Float64);
        return (_adv.clamp(0, 1), c.data<double>().ToArray());
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var t in new[] { _dist, _adv, _const, _index, _activeDist, _activeAdv, _activeConst, _activeStepDist })
            t.Dispose();
    }

    private void WriteBack()
    {
        if (_index.shape[0] == 0)
            return;
        _dist.index_copy_(0, _index, _activeDist);
        _adv.index_copy_(0, _index, _activeAdv);
        _const.index_copy_(0, _index, _activeConst);
    }

    /// <summary>Swaps in a new value and frees the old one now rather than at the end of the enclosing scope.</summary>
    internal static void Replace<T>(ref T field, T value)
        where T : IDisposable
    {
        var old = field;
        field = value;
        old.Dispose();
    }
}
