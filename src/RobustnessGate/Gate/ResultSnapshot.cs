using System.Globalization;
using System.Text;
using RobustnessGate.Evaluation;
using RobustnessGate.Metrics;

namespace RobustnessGate.Gate;

/// <summary>
/// The rounded, stable text of a result that is approved as a snapshot: identities, counts, rates to 4 decimals and
/// distortion statistics to 4 significant digits. No times, versions or paths, so it changes only when robustness does.
/// </summary>
public static class ResultSnapshot
{
    /// <summary>The snapshot text of <paramref name="r"/>.</summary>
    public static string Format(EvaluationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"model: {r.Model.Name} sha256 {r.Model.Sha256}");
        sb.AppendLine(c, $"data: {r.Dataset.Name} count {r.Dataset.Count} sha256 {r.Dataset.Sha256}");
        sb.AppendLine(c, $"attack: {r.Attack.Name} preset={r.Attack.Preset} {string.Join(" ", r.Attack.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Convert.ToString(p.Value, c)}"))}");
        sb.AppendLine(c, $"target: {r.Target} seed {r.Seed}");
        sb.AppendLine(c, $"cleanAccuracy: {r.CleanAccuracy:F4}");
        sb.AppendLine(c, $"attacked: {r.Attacked}");
        sb.AppendLine(c, $"succeeded: {r.Succeeded}");
        sb.AppendLine(c, $"successRate: {(r.SuccessRate is { } s ? s.ToString("F4", c) : "n/a")}");
        sb.AppendLine(c, $"robustAccuracy: {r.RobustAccuracy:F4}");
        Line(sb, "l0", r.Distortion.L0);
        Line(sb, "l1", r.Distortion.L1);
        Line(sb, "l2", r.Distortion.L2);
        Line(sb, "linf", r.Distortion.Linf);
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string name, Summary s) =>
        sb.AppendLine(CultureInfo.InvariantCulture, $"{name}: mean {G4(s.Mean)} std {G4(s.Std)} median {G4(s.Median)}");

    // Values below 1e-6 (e.g. the float32 spread of L-inf distortions that all equal epsilon) print as 0, so that
    // last-bit noise never changes a snapshot.
    private static string G4(double? v) => v is { } d ? (Math.Abs(d) < 1e-6 ? "0" : d.ToString("G4", CultureInfo.InvariantCulture)) : "n/a";
}
