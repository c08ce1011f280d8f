namespace RobustnessGate.Attacks;

/// <summary>
/// The per-example binary search on the trade-off constant c of C&amp;W and EAD (reference code, Su et al. section 5.3):
/// start at c0 with bounds [0, 1e10]; after a step with a success the upper bound drops to c and c bisects; after a
/// failure the lower bound rises to c and c bisects if an upper bound is known, otherwise c grows tenfold.
/// </summary>
internal sealed class ConstSearch
{
    /// <summary>The reference code's "no upper bound yet" value and its test threshold.</summary>
    private const double NoUpperBound = 1e10;
    private const double KnownUpperBound = 1e9;

    private readonly double[] _lower;
    private readonly double[] _upper;

    public ConstSearch(int count, double initial)
    {
        Const = Enumerable.Repeat(initial, count).ToArray();
        _lower = new double[count];
        _upper = Enumerable.Repeat(NoUpperBound, count).ToArray();
    }

    /// <summary>The constant each example uses in the next step.</summary>
    public double[] Const { get; }

    /// <summary>Moves every example's constant after a binary-search step.</summary>
    public void Update(IReadOnlyList<bool> succeededThisStep)
    {
        for (int e = 0; e < Const.Length; e++)
            Update(e, succeededThisStep[e]);
    }

    /// <summary>Moves example <paramref name="e"/>'s constant after its binary-search step (examples run their steps independently).</summary>
    public void Update(int e, bool succeeded)
    {
        if (succeeded)
        {
            _upper[e] = Math.Min(_upper[e], Const[e]);
            if (_upper[e] < KnownUpperBound)
                Const[e] = (_lower[e] + _upper[e]) / 2;
        }
        else
        {
            _lower[e] = Math.Max(_lower[e], Const[e]);
            Const[e] = _upper[e] < KnownUpperBound ? (_lower[e] + _upper[e]) / 2 : Const[e] * 10;
        }
    }
}
