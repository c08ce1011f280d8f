using static TorchSharp.torch;

namespace RobustnessGate.Attacks;

/// <summary>
/// The best-so-far bookkeeping of C&amp;W and EAD, kept on tensors: for every example the smallest distance of a successful
/// iterate (over all binary steps) with its image and constant, and for the running step whether and how close it
/// succeeded. Work runs on the active rows only; rows that finish are written back and dropped
/// (<see cref="Retain"/>), so they stop costing compute.
/// </summary>
internal sealed class BestExamples : IDisposable
{
    /// <summary>The reference code's "nothing found yet" distance.</summary>
    private const float None = 1e10f;

    private readonly Tensor _dist;
    private readonly Tensor _adv;
    private readonly Tensor _const;
    private readonly Tensor _stepDist;
    private Tensor _index;
    private Tensor _activeDist;
    private Tensor _activeAdv;
    private Tensor _activeConst;
    private Tensor _activeStepDist;

    public BestExamples(Tensor original)
    {
        int n = (int)original.shape[0];
        _dist = full(n, None, dtype: ScalarType.Float32).DetachFromDisposeScope();
        _adv = original.detach().clone().DetachFromDisposeScope();
        _const = full(n, float.NaN, dtype: ScalarType.Float32).DetachFromDisposeScope();
        _stepDist = full(n, None, dtype: ScalarType.Float32).DetachFromDisposeScope();
        _index = arange(n, dtype: ScalarType.Int64).DetachFromDisposeScope();
        _activeDist = _dist.clone().DetachFromDisposeScope();
        _activeAdv = _adv.clone().DetachFromDisposeScope();
        _activeConst = _const.clone().DetachFromDisposeScope();
        _activeStepDist = _stepDist.clone().DetachFromDisposeScope();
    }

    /// <summary>Indices (into the batch) of the active rows.</summary>
    public Tensor Index => _index;

    /// <summary>Number of active rows.</summary>
    public long ActiveCount => _index.shape[0];

    /// <summary>Distance each active row must beat within the running step for an iterate to matter at all.</summary>
    public Tensor StepDistance => _activeStepDist;

    /// <summary>Starts a binary step with every row active and no success yet.</summary>
    public void BeginStep()
    {
        WriteBack();
        _stepDist.fill_(None);
        Own(ref _index, arange(_dist.shape[0], dtype: ScalarType.Int64));
        Own(ref _activeDist, _dist.clone());
        Own(ref _activeAdv, _adv.clone());
        Own(ref _activeConst, _const.clone());
        Own(ref _activeStepDist, _stepDist.clone());
    }

    /// <summary>
    /// Records the iterates of the active rows: where <paramref name="success"/> holds and the distance beats the step's
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

    /// <summary>Writes the active rows back and keeps only the rows <paramref name="keep"/> (positions among the active rows).</summary>
    public void Retain(Tensor keep)
    {
        WriteBack();
        Own(ref _index, _index.index_select(0, keep));
        Own(ref _activeDist, _activeDist.index_select(0, keep));
        Own(ref _activeAdv, _activeAdv.index_select(0, keep));
        Own(ref _activeConst, _activeConst.index_select(0, keep));
        Own(ref _activeStepDist, _activeStepDist.index_select(0, keep));
    }

    /// <summary>Ends the step: which examples had a successful iterate in it.</summary>
    public bool[] EndStep()
    {
        WriteBack();
        using var found = _stepDist.lt(None);
        return found.data<bool>().ToArray();
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
        foreach (var t in new[] { _dist, _adv, _const, _stepDist, _index, _activeDist, _activeAdv, _activeConst, _activeStepDist })
            t.Dispose();
    }

    private void WriteBack()
    {
        _dist.index_copy_(0, _index, _activeDist);
        _adv.index_copy_(0, _index, _activeAdv);
        _const.index_copy_(0, _index, _activeConst);
        _stepDist.index_copy_(0, _index, _activeStepDist);
    }

    /// <summary>Swaps in a new value and frees the old one now rather than at the end of the enclosing scope.</summary>
    internal static void Replace<T>(ref T field, T value)
        where T : IDisposable
    {
        var old = field;
        field = value;
        old.Dispose();
    }

    /// <summary>This object owns its tensors across binary steps, so they must outlive the step's dispose scope.</summary>
    private static void Own(ref Tensor field, Tensor value) => Replace(ref field, value.DetachFromDisposeScope());
}
