using RobustnessGate.Attacks;

namespace RobustnessGate.Study.Analysis;

/// <summary>
/// How much of the spread of robustness (mean distortion, raw units) across models is explained by architecture family
/// versus by size. Family: eta^2 of a one-way ANOVA = SS_between / SS_total (= R^2 of a regression on family indicators).
/// Size: R^2 of a simple regression on ln(parameter count). Combined: R^2 of a regression on both; the increments
/// "family after size" and "size after family" are the combined R^2 minus the other one's. Because eta^2 spends k - 1
/// degrees of freedom against size's 1, the verdict compares adjusted values, 1 - (1 - R^2)(n - 1)/(n - p - 1).
/// </summary>
/// <param name="Norm">Distortion norm.</param>
/// <param name="N">Models used (those with a mean distortion).</param>
/// <param name="Families">Distinct families among them.</param>
/// <param name="FamilyEtaSquared">Share explained by family (null when undefined).</param>
/// <param name="SizeRSquared">Share explained by ln(parameters) (null when undefined).</param>
/// <param name="CombinedRSquared">Share explained by family and ln(parameters) together (null when undefined).</param>
/// <param name="FamilyAdjusted">Adjusted eta^2 (null when n &lt;= families).</param>
/// <param name="SizeAdjusted">Adjusted size R^2 (null when n &lt;= 2).</param>
/// <param name="FamilyExplainsMore">True when the adjusted family share exceeds the adjusted size share; null when either is undefined.</param>
/// <param name="Note">Why values are undefined (null when all are defined).</param>
public sealed record ArchitectureVersusSize(Norm Norm, int N, int Families, double? FamilyEtaSquared, double? SizeRSquared,
    double? CombinedRSquared, double? FamilyAdjusted, double? SizeAdjusted, bool? FamilyExplainsMore, string? Note)
{
    /// <summary>Family's increment over size: combined R^2 - size R^2.</summary>
    public double? FamilyAfterSize => CombinedRSquared - SizeRSquared;

    /// <summary>Size's increment over family: combined R^2 - eta^2.</summary>
    public double? SizeAfterFamily => CombinedRSquared - FamilyEtaSquared;

    /// <summary>The comparison for one (attack, target, norm) of <paramref name="study"/>.</summary>
    public static ArchitectureVersusSize Compute(StudyResults study, string attack, string target, Norm norm)
    {
        ArgumentNullException.ThrowIfNull(study);
        var rows = new List<(string Family, long Parameters, double Y)>();
        foreach (var m in study.Models)
        {
            var d = study.Cells.FirstOrDefault(c => c.Model == m.Name && c.Attack == attack && c.Target == target)?.Distortion.For(norm).Mean;
            if (d is not null)
                rows.Add((m.Family, m.Parameters, d.Value));
        }
        return Of(norm, rows);
    }

    /// <summary>The comparison from (family, parameter count, robustness) rows.</summary>
    public static ArchitectureVersusSize Of(Norm norm, IReadOnlyList<(string Family, long Parameters, double Y)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int n = rows.Count;
        var families = rows.Select(r => r.Family).Distinct(StringComparer.Ordinal).ToList();
        int k = families.Count;
        var y = rows.Select(r => r.Y).ToArray();
        double mean = n == 0 ? 0 : y.Average();
        double sst = y.Sum(v => (v - mean) * (v - mean));
        if (n < 3 || sst == 0)
            return new ArchitectureVersusSize(norm, n, k, null, null, null, null, null, null,
                n < 3 ? $"n = {n}: too few models" : "all models have the same distortion: nothing to explain");
        var eta = Regression.RSquared(rows.Select(r => Indicators(families, r.Family)).ToArray(), y);
        var lnSize = rows.Select(r => new[] { Math.Log(r.Parameters) }).ToArray();
        var size = Regression.RSquared(lnSize, y);
        var combined = Regression.RSquared(rows.Select(r => Indicators(families, r.Family).Prepend(Math.Log(r.Parameters)).ToArray()).ToArray(), y);
        double? familyAdj = n > k && k >= 2 ? Adjust(eta, n, k - 1) : null;
        double? sizeAdj = rows.Select(r => r.Parameters).Distinct().Count() >= 2 ? Adjust(size, n, 1) : null;
        string? note = k < 2 ? "only one family: family explains nothing by construction"
            : n <= k ? $"n = {n} models for {k} families: no degrees of freedom left within families"
            : sizeAdj is null ? "all models have the same size" : null;
        bool? more = familyAdj is null || sizeAdj is null ? null : familyAdj > sizeAdj;
        return new ArchitectureVersusSize(norm, n, k, eta, size, combined, familyAdj, sizeAdj, more, note);
    }

    private static double Adjust(double r2, int n, int predictors) => 1 - (1 - r2) * (n - 1) / (n - predictors - 1);

    // Indicators for all families but the first (the intercept stands for it).
    private static double[] Indicators(List<string> families, string family) =>
        families.Skip(1).Select(f => f == family ? 1.0 : 0.0).ToArray();
}
