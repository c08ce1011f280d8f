using System.Globalization;
using RobustnessGate.Attacks;

namespace RobustnessGate.Study.Analysis;

/// <summary>
/// Distortion along one depth or width series. The verdict compares the smallest and the largest model: it is decided only
/// when their difference is significant (<see cref="SeriesTrendOptions"/>) and the Spearman correlation over the whole
/// series has the same sign (so one outlier in the middle cannot make a falling series "rise"); otherwise inconclusive.
/// </summary>
/// <param name="Series">Series name.</param>
/// <param name="Variable">"depth" or "width": what varies along the series.</param>
/// <param name="Norm">Distortion norm.</param>
/// <param name="Points">The models, by increasing size.</param>
/// <param name="Slope">Least-squares slope of distortion per unit of size (null when undefined).</param>
/// <param name="Spearman">Spearman rank correlation of size and distortion (null when undefined).</param>
/// <param name="Verdict">Whether larger models are more robust.</param>
/// <param name="Reason">The numbers behind the verdict.</param>
public sealed record SeriesTrend(string Series, string Variable, Norm Norm, IReadOnlyList<SeriesPoint> Points,
    double? Slope, double? Spearman, TrendVerdict Verdict, string Reason)
{
    /// <summary>The trend of every series in <paramref name="study"/> for one (attack, target, norm), by series name.</summary>
    public static IReadOnlyList<SeriesTrend> Compute(StudyResults study, string attack, string target, Norm norm, SeriesTrendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        options ??= SeriesTrendOptions.Default;
        var result = new List<SeriesTrend>();
        foreach (var group in study.Models.Where(m => m.Series is not null).GroupBy(m => m.Series!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // A series varies depth when its members' depths differ, otherwise width.
            bool byDepth = group.Select(m => m.Depth).Distinct().Count() > 1;
            var points = new List<SeriesPoint>();
            foreach (var m in group)
            {
                double? size = byDepth ? m.Depth : m.Width;
                var cell = study.Cells.FirstOrDefault(c => c.Model == m.Name && c.Attack == attack && c.Target == target);
                var s = cell?.Distortion.For(norm);
                if (size is null || s?.Mean is null)
                    continue;
                double? se = s.Std is null ? null : s.Std / Math.Sqrt(cell!.Succeeded);
                points.Add(new SeriesPoint(m.Name, size.Value, s.Mean.Value, se));
            }
            points.Sort((a, b) => a.Size.CompareTo(b.Size));
            result.Add(Of(group.Key, byDepth ? "depth" : "width", norm, points, options));
        }
        return result;
    }

    /// <summary>The trend of one series from its points.</summary>
    public static SeriesTrend Of(string series, string variable, Norm norm, IReadOnlyList<SeriesPoint> points, SeriesTrendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= SeriesTrendOptions.Default;
        var sorted = points.OrderBy(p => p.Size).ToList();
        var x = sorted.Select(p => p.Size).ToList();
        var y = sorted.Select(p => p.Distortion).ToList();
        var slope = LineFit.Of(x, y).Slope;
        var rho = RankCorrelation.Spearman(x, y);
        if (x.Distinct().Count() < 2)
            return new SeriesTrend(series, variable, norm, sorted, slope, rho, TrendVerdict.Inconclusive, $"fewer than 2 distinct {variable}s with a distortion");
        var (small, large) = (sorted[0], sorted[^1]);
        double diff = large.Distortion - small.Distortion;
        bool significant;
        string test;
        if (small.StandardError is { } s1 && large.StandardError is { } s2 && s1 + s2 > 0)
        {
            double z = diff / Math.Sqrt(s1 * s1 + s2 * s2);
            significant = Math.Abs(z) >= options.MinimumZ;
            test = F($"z = {z:0.00} (needs |z| >= {options.MinimumZ:0.##})");
        }
        else
        {
            double rel = small.Distortion > 0 ? diff / small.Distortion : double.NaN;
            significant = Math.Abs(rel) > options.MinimumRelativeChange;
            test = F($"change {100 * rel:0.0} % (needs more than {100 * options.MinimumRelativeChange:0.#} %)");
        }
        var verdict = !significant || rho is null || Math.Sign(rho.Value) != Math.Sign(diff) ? TrendVerdict.Inconclusive
            : diff > 0 ? TrendVerdict.LargerIsMoreRobust : TrendVerdict.LargerIsLessRobust;
        var reason = F($"{small.Model} -> {large.Model}: {small.Distortion:0.####} -> {large.Distortion:0.####}, {test}, Spearman {(rho is null ? "undefined" : rho.Value.ToString("0.00", CultureInfo.InvariantCulture))}");
        return new SeriesTrend(series, variable, norm, sorted, slope, rho, verdict, reason);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
