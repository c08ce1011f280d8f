using System.Globalization;
using RobustnessGate.Study;
using RobustnessGate.Study.Analysis;
using ScottPlot;

namespace RobustnessGate.Reporting;

/// <summary>The report's PNG plots (ScottPlot), drawn only from the analysis results.</summary>
public static class StudyPlots
{
    private const int Width = 1000, Height = 560;

    /// <summary>Every plot the report shows, by path relative to the report (e.g. "plots/pareto-cw-untargeted.png").</summary>
    public static IReadOnlyDictionary<string, byte[]> RenderAll(StudyResults study, StudyAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(analysis);
        var plots = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var c in analysis.Conditions.Concat(analysis.Clever))
        {
            if (PlotNames.HasScaling(c))
                plots[PlotNames.Scaling(c)] = Scaling(c);
            if (PlotNames.HasPareto(c))
                plots[PlotNames.Pareto(c)] = Pareto(c);
            foreach (var variable in PlotNames.SeriesVariables(c))
                plots[PlotNames.Series(c, variable)] = Series(c, variable);
        }
        foreach (var o in analysis.TransferOverview)
            plots[PlotNames.Transfer(o)] = TransferHeatmap.Render(study, o);
        if (study.Gallery.Count > 0)
            plots[PlotNames.Gallery] = GalleryPainter.Paint(study.Gallery);
        return plots;
    }

    /// <summary>Mean distortion against top-1 error on a log axis, one colour per family, with the fitted line.</summary>
    public static byte[] Scaling(ConditionAnalysis condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var plot = new Plot();
        var points = condition.Scaling.Points;
        foreach (var (family, i) in points.Select(p => p.Family).Distinct().Select((f, i) => (f, i)))
        {
            var ps = points.Where(p => p.Family == family).ToList();
            var s = plot.Add.ScatterPoints(ps.Select(p => Math.Log10(p.TopOneError)).ToArray(), ps.Select(p => p.Distortion).ToArray(), Colour(i));
            s.MarkerSize = 9;
            s.LegendText = family;
        }
        foreach (var p in points)
            Label(plot, p.Model, Math.Log10(p.TopOneError), p.Distortion);
        var fit = condition.Scaling.Fit;
        if (fit.Slope is not null)
        {
            double lo = points.Min(p => p.TopOneError), hi = points.Max(p => p.TopOneError);
            var xs = Enumerable.Range(0, 21).Select(k => lo * Math.Pow(hi / lo, k / 20.0)).ToArray();
            var line = plot.Add.ScatterLine(xs.Select(Math.Log10).ToArray(), xs.Select(x => condition.Scaling.Predict(x)!.Value).ToArray(), Colors.Black);
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = string.Create(CultureInfo.InvariantCulture,
                $"fit: {NumberText.G(fit.Slope)} ln(err) + {NumberText.G(fit.Intercept)}, R^2 {NumberText.Share(fit.RSquared)}");
        }
        LogTicks(plot, points.Min(p => p.TopOneError), points.Max(p => p.TopOneError));
        plot.Title($"{condition.Attack} ({condition.Target}): mean {condition.Norm} distortion vs top-1 error");
        plot.XLabel("top-1 error (log scale)");
        plot.YLabel($"mean {condition.Norm} distortion (higher = more robust)");
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Accuracy against mean distortion, every model labelled, the frontier drawn through its members.</summary>
    public static byte[] Pareto(ConditionAnalysis condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var plot = new Plot();
        var f = condition.Frontier;
        var line = plot.Add.ScatterLine(f.Members.Select(p => 100 * p.Accuracy).ToArray(), f.Members.Select(p => p.Robustness).ToArray(), Colour(3));
        line.LineWidth = 2;
        line.LegendText = "Pareto frontier";
        var members = plot.Add.ScatterPoints(f.Members.Select(p => 100 * p.Accuracy).ToArray(), f.Members.Select(p => p.Robustness).ToArray(), Colour(3));
        members.MarkerSize = 10;
        if (f.Dominated.Count > 0)
        {
            var others = plot.Add.ScatterPoints(f.Dominated.Select(p => 100 * p.Accuracy).ToArray(), f.Dominated.Select(p => p.Robustness).ToArray(), Colors.Gray);
            others.MarkerSize = 8;
            others.LegendText = "dominated";
        }
        foreach (var p in f.Members.Concat(f.Dominated))
            Label(plot, p.Model, 100 * p.Accuracy, p.Robustness);
        plot.Title($"{condition.Attack} ({condition.Target}): accuracy-robustness Pareto frontier ({condition.Norm})");
        plot.XLabel("clean top-1 accuracy (%)");
        plot.YLabel($"mean {condition.Norm} distortion (higher = more robust)");
        plot.ShowLegend(Edge.Right);
        Pad(plot, f.Members.Concat(f.Dominated).Select(p => 100 * p.Accuracy).ToList());
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Mean distortion along each depth (or width) series, one line per series.</summary>
    public static byte[] Series(ConditionAnalysis condition, string variable)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var plot = new Plot();
        int i = 0;
        foreach (var s in condition.Series.Where(s => s.Variable == variable && s.Points.Count > 0))
        {
            var line = plot.Add.Scatter(s.Points.Select(p => p.Size).ToArray(), s.Points.Select(p => p.Distortion).ToArray(), Colour(i++));
            line.MarkerSize = 9;
            line.LegendText = s.Series;
            foreach (var p in s.Points)
                Label(plot, p.Model, p.Size, p.Distortion);
        }
        plot.Title($"{condition.Attack} ({condition.Target}): mean {condition.Norm} distortion by {variable}");
        plot.XLabel(variable == "depth" ? "depth (weight layers)" : "width");
        plot.YLabel($"mean {condition.Norm} distortion (higher = more robust)");
        plot.ShowLegend(Edge.Right);
        Pad(plot, condition.Series.Where(s => s.Variable == variable).SelectMany(s => s.Points).Select(p => p.Size).ToList());
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    // Room on the right for the model labels, which start at their point and run rightwards.
    private static void Pad(Plot plot, IReadOnlyList<double> xs)
    {
        double lo = xs.Min(), hi = xs.Max(), span = Math.Max(hi - lo, Math.Abs(hi) * 0.01 + 1e-9);
        plot.Axes.SetLimitsX(lo - 0.05 * span, hi + 0.18 * span);
    }

    private static void Label(Plot plot, string text, double x, double y)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontSize = 11;
        label.LabelFontColor = Colors.Black.WithAlpha(0.8);
        label.OffsetX = 6;
        label.OffsetY = -4;
    }

    // ScottPlot draws linear axes: the x data are log10(error) and the ticks are placed at 1-1.5-2-3-4-5-7 steps of the error itself.
    private static void LogTicks(Plot plot, double lo, double hi)
    {
        var ticks = new List<double>();
        for (int e = (int)Math.Floor(Math.Log10(lo)) - 1; e <= (int)Math.Ceiling(Math.Log10(hi)); e++)
            ticks.AddRange(new[] { 1.0, 1.5, 2, 3, 4, 5, 7 }.Select(m => m * Math.Pow(10, e)));
        var shown = ticks.Where(t => t >= lo / 1.5 && t <= hi * 1.5).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(shown.Select(Math.Log10).ToArray(),
            shown.Select(t => (100 * t).ToString("0.###", CultureInfo.InvariantCulture) + " %").ToArray());
        plot.Axes.SetLimitsX(Math.Log10(lo) - 0.05, Math.Log10(hi) + 0.1);
    }

    private static Color Colour(int i) => new ScottPlot.Palettes.Category10().GetColor(i);
}
