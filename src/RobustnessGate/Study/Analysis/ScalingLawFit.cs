using RobustnessGate.Attacks;

namespace RobustnessGate.Study.Analysis;

/// <summary>
/// Su et al.'s scaling law for one attack and norm: mean distortion = slope * ln(top-1 error) + intercept, fitted over the
/// models by least squares. x is the natural logarithm of the top-1 error (1 - accuracy), as in the paper's
/// log(1 - top1); a positive slope means that more accurate models need smaller perturbations (are less robust).
/// </summary>
/// <param name="Attack">Attack name.</param>
/// <param name="Target">Target mode.</param>
/// <param name="Norm">Distortion norm of y.</param>
/// <param name="Points">The models used: those with a mean distortion and an error &gt; 0.</param>
/// <param name="Excluded">Models left out, with the reason (no successful example, zero error).</param>
/// <param name="Fit">The least-squares line, its R^2 and the slope's 95 % interval.</param>
public sealed record ScalingLawFit(string Attack, string Target, Norm Norm, IReadOnlyList<ScalingPoint> Points,
    IReadOnlyList<string> Excluded, LineFit Fit)
{
    /// <summary>Fits the law for one (attack, target) of <paramref name="study"/> in <paramref name="norm"/>.</summary>
    public static ScalingLawFit Compute(StudyResults study, string attack, string target, Norm norm)
    {
        ArgumentNullException.ThrowIfNull(study);
        var points = new List<ScalingPoint>();
        var excluded = new List<string>();
        foreach (var m in study.Models)
        {
            var cell = study.Cells.FirstOrDefault(c => c.Model == m.Name && c.Attack == attack && c.Target == target);
            if (cell is null)
                continue;
            var d = cell.Distortion.For(norm).Mean;
            if (d is null)
                excluded.Add($"{m.Name} (no successful example)");
            else if (m.TopOneError <= 0)
                excluded.Add($"{m.Name} (top-1 error 0: ln undefined)");
            else
                points.Add(new ScalingPoint(m.Name, m.Family, m.TopOneError, d.Value));
        }
        var fit = LineFit.Of(points.Select(p => Math.Log(p.TopOneError)).ToList(), points.Select(p => p.Distortion).ToList());
        return new ScalingLawFit(attack, target, norm, points, excluded, fit);
    }

    /// <summary>The fitted distortion at <paramref name="topOneError"/> (null when the line is undefined).</summary>
    public double? Predict(double topOneError) => Fit.Slope * Math.Log(topOneError) + Fit.Intercept;
}
