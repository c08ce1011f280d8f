using System.Globalization;
using System.Text;
using RobustnessGate.Evaluation;
using RobustnessGate.Metrics;

namespace RobustnessGate.Reporting;

/// <summary>The human-readable summary of an evaluation printed by the CLI.</summary>
public static class SummaryText
{
    /// <summary>Formats <paramref name="r"/> as a few aligned lines.</summary>
    public static string Format(EvaluationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var parameters = string.Join(" ", r.Attack.Parameters.Select(kv => $"{kv.Key}={Value(kv.Value)}"));
        sb.AppendLine(c, $"model        {r.Model.Name}  (sha256 {r.Model.Sha256[..12]})");
        sb.AppendLine(c, $"data         {r.Dataset.Name}, {r.Dataset.Count} images (sha256 {r.Dataset.Sha256[..12]})");
        sb.AppendLine(c, $"attack       {r.Attack.Name} (preset {r.Attack.Preset ?? "n/a"}) {parameters}, target {r.Target}, seed {r.Seed}");
        sb.AppendLine(c, $"clean        accuracy {Pct(r.CleanAccuracy)} ({r.Attacked} of {r.Dataset.Count} correctly classified and attacked)");
        sb.AppendLine(c, $"attack       success {(r.SuccessRate is { } s ? Pct(s) : "n/a")} ({r.Succeeded} of {r.Attacked}), robust accuracy {Pct(r.RobustAccuracy)}");
        sb.AppendLine("distortion   over successful examples: mean / std / median");
        sb.AppendLine(c, $"  L0         {Stats(r.Distortion.L0, "F1")}");
        sb.AppendLine(c, $"  L1         {Stats(r.Distortion.L1, "F3")}");
        sb.AppendLine(c, $"  L2         {Stats(r.Distortion.L2, "F4")}");
        sb.AppendLine(c, $"  Linf       {Stats(r.Distortion.Linf, "F4")}");
        if (r.SuccessCurve is { } curve)
            sb.AppendLine(c, $"success at   {string.Join(", ", CurveBudgets.Select(e => $"eps {e.ToString("R", c)}: {Pct(RateAt(curve, e))}"))} (full curve in result.json)");
        sb.AppendLine(c, $"time         {r.Seconds.ToString("F2", c)} s");
        if (r.Sanity is null)
            sb.AppendLine("sanity       not checked (a result written before sanity checks existed)");
        else if (r.Sanity.Count == 0)
            sb.AppendLine("sanity       no findings");
        else
        {
            foreach (var flag in r.Sanity)
                sb.AppendLine(c, $"sanity       {flag.Severity} {flag.Code}: {flag.Message}");
        }
        return sb.ToString();
    }

    /// <summary>Budgets at which the summary reads off the success curve (L-inf budgets common for MNIST).</summary>
    private static readonly double[] CurveBudgets = [0.05, 0.1, 0.2, 0.3];

    private static double RateAt(IReadOnlyList<SuccessCurvePoint> curve, double epsilon) =>
        curve.LastOrDefault(p => p.Epsilon <= epsilon + 1e-12)?.SuccessRate ?? 0;

    private static string Pct(double v) => (100 * v).ToString("F2", CultureInfo.InvariantCulture) + " %";

    private static string Stats(Summary s, string format) => s.Mean is null
        ? "n/a (no successful example)"
        : string.Join(" / ", new[] { s.Mean, s.Std, s.Median }.Select(v => v!.Value.ToString(format, CultureInfo.InvariantCulture)));

    private static string Value(object v) => v switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
