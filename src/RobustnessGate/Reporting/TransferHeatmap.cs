using RobustnessGate.Study;
using RobustnessGate.Study.Analysis;
using ScottPlot;

namespace RobustnessGate.Reporting;

/// <summary>The heatmap of one transferability matrix: sources as rows, targets as columns, both ordered by family.</summary>
internal static class TransferHeatmap
{
    /// <summary>The models in family order: families by first appearance in the study, models in study order within one.</summary>
    public static IReadOnlyList<StudyModelInfo> ByFamily(StudyResults study)
    {
        var families = study.Models.Select(m => m.Family).Distinct().ToList();
        return study.Models.OrderBy(m => families.IndexOf(m.Family)).ToList();
    }

    public static byte[] Render(StudyResults study, TransferOverview overview)
    {
        var models = ByFamily(study).Select(m => $"{m.Name} ({m.Family})").ToList();
        var names = ByFamily(study).Select(m => m.Name).ToList();
        var cells = (study.Transfer ?? []).Where(c => c.Attack == overview.Attack && c.TargetMode == overview.TargetMode)
            .ToDictionary(c => (c.Source, c.Target));
        int n = names.Count;
        var values = new double[n, n];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
                values[r, c] = cells.TryGetValue((names[r], names[c]), out var cell) && cell.SuccessRate is { } v ? 100 * v : double.NaN;
        }
        var plot = new Plot();
        // Each cell is drawn as its own unit square centred on (column, n - 1 - row), so the first source is on top and
        // every cell sits exactly on its tick; the (hidden) heatmap only carries the colour scale of the colour bar.
        var colormap = new ScottPlot.Colormaps.Viridis();
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                double y = n - 1 - r;
                var box = plot.Add.Rectangle(c - 0.5, c + 0.5, y - 0.5, y + 0.5);
                box.FillColor = double.IsNaN(values[r, c]) ? Colors.LightGray : colormap.GetColor(values[r, c] / 100);
                box.LineWidth = 0;
            }
        }
        var map = plot.Add.Heatmap(new double[,] { { 0, 100 } });
        map.Colormap = colormap;
        map.ManualRange = new ScottPlot.Range(0, 100);
        map.IsVisible = false;
        plot.Add.ColorBar(map).Label = "success rate on the target (%)";
        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, models.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 190;
        plot.XLabel("target model (family)");
        plot.YLabel("source model (family)");
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, models.AsEnumerable().Reverse().ToArray());
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        // Grey: the diagonal (no pair) or a pair with nothing counted.
        var mode = overview.TargetMode == "untargeted" ? "untargeted: top-1 changed" : $"{overview.TargetMode}: top-1 is the source's target";
        plot.Title($"{overview.Attack} transferability ({mode}); rows: source, columns: target");
        return plot.GetImageBytes(1000, 1000, ImageFormat.Png);
    }
}
