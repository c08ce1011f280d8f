namespace RobustnessGate.Study.Analysis;

/// <summary>
/// The accuracy-robustness Pareto frontier (Su et al.'s design criterion): the models that no other model beats in both
/// accuracy and robustness. A model is dominated when another is at least as good in both and strictly better in one;
/// identical points therefore never dominate each other and are all members. The frontier as a curve is the polyline
/// through its members sorted by accuracy.
/// </summary>
public sealed class ParetoFrontier
{
    private ParetoFrontier(IReadOnlyList<ParetoPoint> members, IReadOnlyList<ParetoPoint> dominated)
    {
        Members = members;
        Dominated = dominated;
        DominatedGaps = dominated.Select(p => Compare(p.Accuracy, p.Robustness)).ToList();
    }

    /// <summary>Non-dominated models, sorted by accuracy (ascending), then robustness (descending), then name.</summary>
    public IReadOnlyList<ParetoPoint> Members { get; }

    /// <summary>The other models, in input order.</summary>
    public IReadOnlyList<ParetoPoint> Dominated { get; }

    /// <summary>Each dominated model compared with the frontier at its accuracy, in the order of <see cref="Dominated"/>.</summary>
    public IReadOnlyList<FrontierComparison> DominatedGaps { get; }

    /// <summary>The frontier of <paramref name="points"/> (finite coordinates).</summary>
    public static ParetoFrontier Of(IReadOnlyList<ParetoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Any(p => !double.IsFinite(p.Accuracy) || !double.IsFinite(p.Robustness)))
            throw new ArgumentException("accuracy and robustness must be finite numbers", nameof(points));
        static bool Dominates(ParetoPoint q, ParetoPoint p) =>
            q.Accuracy >= p.Accuracy && q.Robustness >= p.Robustness && (q.Accuracy > p.Accuracy || q.Robustness > p.Robustness);
        var members = points.Where(p => !points.Any(q => Dominates(q, p)))
            .OrderBy(p => p.Accuracy).ThenByDescending(p => p.Robustness).ThenBy(p => p.Model, StringComparer.Ordinal).ToList();
        var dominated = points.Where(p => !members.Contains(p)).ToList();
        return new ParetoFrontier(members, dominated);
    }

    /// <summary>The frontier for one (attack, target, norm) of <paramref name="study"/>; models without a mean distortion are left out.</summary>
    public static ParetoFrontier Compute(StudyResults study, string attack, string target, Attacks.Norm norm)
    {
        ArgumentNullException.ThrowIfNull(study);
        var points = new List<ParetoPoint>();
        foreach (var m in study.Models)
        {
            var d = study.Cells.FirstOrDefault(c => c.Model == m.Name && c.Attack == attack && c.Target == target)?.Distortion.For(norm).Mean;
            if (d is not null)
                points.Add(new ParetoPoint(m.Name, m.TestAccuracy, d.Value));
        }
        return Of(points);
    }

    /// <summary>
    /// The frontier's robustness at <paramref name="accuracy"/>: linear between neighbouring members; below the least
    /// accurate member, that member's robustness (the most robust one: a less accurate model must beat it); above the most
    /// accurate member, null (no member to compare with). Null also when the frontier is empty.
    /// </summary>
    public double? RobustnessAt(double accuracy)
    {
        if (Members.Count == 0 || accuracy > Members[^1].Accuracy)
            return null;
        if (accuracy <= Members[0].Accuracy)
            return Members[0].Robustness;
        for (int i = 1; i < Members.Count; i++)
        {
            var (a, b) = (Members[i - 1], Members[i]);
            if (accuracy <= b.Accuracy)
            {
                // Members with equal accuracy are identical points (otherwise one would dominate), so b.Accuracy > a.Accuracy here.
                double t = (accuracy - a.Accuracy) / (b.Accuracy - a.Accuracy);
                return a.Robustness + t * (b.Robustness - a.Robustness);
            }
        }
        return Members[^1].Robustness;
    }

    /// <summary>Compares a (new) model with the frontier at its accuracy.</summary>
    public FrontierComparison Compare(double accuracy, double robustness)
    {
        var f = RobustnessAt(accuracy);
        if (f is null)
            return new FrontierComparison(accuracy, robustness, null, null, null, FrontierPosition.BeyondMostAccurate);
        double gap = robustness - f.Value;
        double? relative = f.Value > 0 ? gap / f.Value : null;
        return new FrontierComparison(accuracy, robustness, f, gap, relative, gap < 0 ? FrontierPosition.Below : FrontierPosition.OnOrAbove);
    }
}
