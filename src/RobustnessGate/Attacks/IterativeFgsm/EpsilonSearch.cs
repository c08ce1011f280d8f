namespace RobustnessGate.Attacks.IterativeFgsm;

/// <summary>Su et al.'s per-image budget search: double or halve until the first change of outcome, then bisect.</summary>
internal sealed class EpsilonSearch
{
    private readonly double[] _lastSuccess;
    private readonly double[] _lastFailure;

    public EpsilonSearch(int count, double initial)
    {
        Epsilon = Enumerable.Repeat(initial, count).ToArray();
        Smallest = Enumerable.Repeat(double.NaN, count).ToArray();
        _lastSuccess = Enumerable.Repeat(double.NaN, count).ToArray();
        _lastFailure = Enumerable.Repeat(double.NaN, count).ToArray();
    }

    /// <summary>The budget each image tries next.</summary>
    public double[] Epsilon { get; }

    /// <summary>The smallest successful budget so far (NaN: none).</summary>
    public double[] Smallest { get; }

    /// <summary>Moves every image's budget after an attempt.</summary>
    public void Update(IReadOnlyList<bool> succeeded)
    {
        for (int e = 0; e < Epsilon.Length; e++)
        {
            double eps = Epsilon[e];
            if (succeeded[e])
            {
                _lastSuccess[e] = eps;
                Smallest[e] = double.IsNaN(Smallest[e]) ? eps : Math.Min(Smallest[e], eps);
                Epsilon[e] = double.IsNaN(_lastFailure[e]) ? eps / 2 : (eps + _lastFailure[e]) / 2;
            }
            else
            {
                _lastFailure[e] = eps;
                Epsilon[e] = double.IsNaN(_lastSuccess[e]) ? eps * 2 : (eps + _lastSuccess[e]) / 2;
            }
        }
    }
}
