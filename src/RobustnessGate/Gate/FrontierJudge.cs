using System.Globalization;
using RobustnessGate.Attacks;
using RobustnessGate.Evaluation;
using RobustnessGate.Study.Analysis;
using RobustnessGate.Study.Frontiers;

namespace RobustnessGate.Gate;

/// <summary>Places a check's model against an approved Pareto frontier, after checking that both were measured the same way.</summary>
public static class FrontierJudge
{
    /// <summary>
    /// Why <paramref name="result"/> cannot be compared with <paramref name="frontier"/> (attack, target, seed, data or count
    /// differ), or null when the protocols match. The frontier's engine may differ; that is reported, not refused.
    /// </summary>
    public static string? ProtocolMismatch(FrontierFile frontier, EvaluationResult result, string accuracySha256, int accuracyCount)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        ArgumentNullException.ThrowIfNull(result);
        var p = frontier.Protocol;
        var problems = new List<string>();
        var theirs = AttackSettings.Canonical(p.Attack, p.Preset, p.Parameters);
        var ours = AttackSettings.Canonical(result.Attack.Name, result.Attack.Preset, result.Attack.Parameters);
        if (theirs != ours)
            problems.Add($"attack: the frontier used {theirs}, the check uses {ours}");
        if (p.Target != result.Target)
            problems.Add($"target: the frontier used {p.Target}, the check uses {result.Target}");
        if (p.Seed != result.Seed)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"seed: the frontier used {p.Seed}, the check uses {result.Seed}"));
        if (p.Count != result.Dataset.Count || p.DatasetSha256 != result.Dataset.Sha256)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"data: the frontier attacked the first {p.Count} images of {p.Dataset} (sha256 {Short(p.DatasetSha256)}), the check the first {result.Dataset.Count} of {result.Dataset.Name} (sha256 {Short(result.Dataset.Sha256)})"));
        if (p.AccuracyCount != accuracyCount || p.AccuracySha256 != accuracySha256)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"accuracy set: the frontier measured accuracy on {p.AccuracyCount} images (sha256 {Short(p.AccuracySha256)}), the check's data set has {accuracyCount} (sha256 {Short(accuracySha256)})"));
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>Compares (accuracy, mean distortion) with the frontier; behind by more than the tolerance fails.</summary>
    public static FrontierOutcome Compare(FrontierFile frontier, string file, double accuracy, double? robustness, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        var norm = frontier.Norm;
        if (robustness is not { } r || !double.IsFinite(r))
        {
            return new FrontierOutcome(file, norm, accuracy, null, null, null, null, "undefined", [], tolerance, Verdict.Inconclusive,
                $"no mean {norm} distortion to place on the frontier (the attack fooled no image)");
        }
        var curve = FrontierFiles.ToFrontier(frontier);
        var members = curve.Members;
        var c = curve.Compare(accuracy, r);
        if (c.Position == FrontierPosition.BeyondMostAccurate)
        {
            var top = members[^1];
            return new FrontierOutcome(file, norm, accuracy, r, null, null, null, "beyond", [top.Model], tolerance, Verdict.Pass,
                Invariant($"more accurate ({accuracy:0.####}) than every frontier model (best: {top.Model}, {top.Accuracy:0.####}): it extends the frontier"));
        }
        var between = Neighbours(members, accuracy);
        var betweenText = string.Join(" and ", between.Select(m => Invariant($"{m.Model} ({m.Accuracy:0.####}, {m.Robustness:G4})")));
        double gap = c.Gap!.Value;
        double relative = c.RelativeGap ?? 0;
        // A point on the frontier can come out a few ulps below it (a member's own robustness, interpolated with t = 1, can
        // round up); within 1e-9 of the frontier, in either direction, the model is on it.
        if (gap >= 0 || Math.Abs(relative) <= 1e-9)
        {
            var position = Math.Abs(relative) <= 1e-9 ? "on" : "beyond";
            return new FrontierOutcome(file, norm, accuracy, r, c.FrontierRobustness, gap, relative, position, between.Select(m => m.Model).ToList(), tolerance, Verdict.Pass,
                Invariant($"{position} the frontier: mean {norm} {r:G4} at accuracy {accuracy:0.####}, frontier {c.FrontierRobustness:G4} {(between.Count == 1 ? "set by" : "between")} {betweenText}"));
        }
        var verdict = -relative > tolerance ? Verdict.Fail : Verdict.Pass;
        return new FrontierOutcome(file, norm, accuracy, r, c.FrontierRobustness, gap, relative, "behind", between.Select(m => m.Model).ToList(), tolerance, verdict,
            Invariant($"behind the frontier by {-gap:G4} at accuracy {accuracy:0.####} ({-100 * relative:0.0} % below it; tolerance {100 * tolerance:0.#} %): mean {norm} {r:G4} against {c.FrontierRobustness:G4} {(between.Count == 1 ? "set by" : "between")} {betweenText}"));
    }

    private static IReadOnlyList<ParetoPoint> Neighbours(IReadOnlyList<ParetoPoint> members, double accuracy)
    {
        if (accuracy <= members[0].Accuracy)
            return [members[0]];
        for (int i = 1; i < members.Count; i++)
        {
            if (accuracy <= members[i].Accuracy)
                return [members[i - 1], members[i]];
        }
        return [members[^1]];
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
