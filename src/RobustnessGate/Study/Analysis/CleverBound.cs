namespace RobustnessGate.Study.Analysis;

/// <summary>
/// How often a CLEVER score stays at or below the distortion a verified attack needed on the same image and model. CLEVER
/// estimates a lower bound of the minimal distortion (Weng et al., ICLR 2018), so every image above is an estimate that
/// missed.
/// </summary>
/// <param name="Norm">l2, linf or l1.</param>
/// <param name="Target">CLEVER target mode.</param>
/// <param name="Attack">The compared attack (untargeted), or null when the study did not run it.</param>
/// <param name="Scored">Images with a CLEVER score, over all models.</param>
/// <param name="Compared">Of these, images the attack also solved (both numbers exist).</param>
/// <param name="AtMost">Of the compared images, those with CLEVER &lt;= the attack's distortion.</param>
/// <param name="Capped">Scored images whose score hit the radius cap.</param>
public sealed record CleverBound(string Norm, string Target, string? Attack, int Scored, int Compared, int AtMost, int Capped)
{
    /// <summary>One entry per (norm, target) of the study's CLEVER cells, in order of first appearance.</summary>
    public static IReadOnlyList<CleverBound> Compute(StudyResults study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return study.Clever.GroupBy(c => (c.Norm, c.Target)).Select(g =>
        {
            var images = g.SelectMany(c => c.Images).ToList();
            var compared = images.Where(i => i.AttackDistortion is not null).ToList();
            return new CleverBound(g.Key.Norm, g.Key.Target, g.Select(c => c.ComparedAttack).FirstOrDefault(a => a is not null),
                images.Count, compared.Count, compared.Count(i => i.Score <= i.AttackDistortion), images.Count(i => i.Capped));
        }).ToList();
    }

    /// <summary>
    /// The CLEVER cells as study cells, so the scaling law and the Pareto frontier are computed by the same code as for
    /// attack distortions: attack "clever-&lt;norm&gt;", the mean score as the mean distortion of that norm.
    /// </summary>
    public static StudyResults AsDistortionStudy(StudyResults study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return study with
        {
            Cells = study.Clever.Select(c => new StudyCell(c.Model, AttackName(c.Norm), c.Target, c.Scored, c.Scored, Distortion(c))).ToList(),
            Transfer = null,
            Clever = [],
        };
    }

    /// <summary>"clever-l2", "clever-linf" or "clever-l1".</summary>
    public static string AttackName(string norm) => "clever-" + norm;

    /// <summary>The norm of a CLEVER score name.</summary>
    public static Attacks.Norm NormOf(string norm) => norm switch
    {
        "l2" => Attacks.Norm.L2,
        "linf" => Attacks.Norm.Linf,
        _ => Attacks.Norm.L1,
    };

    private static Evaluation.DistortionStatistics Distortion(StudyCleverCell c)
    {
        var none = Metrics.Summary.None;
        return NormOf(c.Norm) switch
        {
            Attacks.Norm.L2 => new(none, none, c.Score, none),
            Attacks.Norm.Linf => new(none, none, none, c.Score),
            _ => new(none, c.Score, none, none),
        };
    }
}
