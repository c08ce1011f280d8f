using System.Globalization;
using RobustnessGate.Evaluation;
using RobustnessGate.Evaluation.Sanity;

namespace RobustnessGate.Gate;

/// <summary>
/// Turns a check's evaluation, its approved baseline and its frontier outcome into a verdict. It fails closed: nothing
/// attacked, an undefined or non-finite held metric, no approved baseline, or a baseline of another protocol are
/// "inconclusive", which fails like "fail" but says the measurement, not the model, is the problem. So is any sanity warning
/// of the result (<see cref="EvaluationResult.Sanity"/>) whose code the check does not accept with a reason.
/// </summary>
public static class GateJudge
{
    /// <summary>Judges <paramref name="result"/> against the check, its approved baseline (null: none) and its frontier outcome.</summary>
    public static CheckResult Judge(GateCheck check, EvaluationResult result, GateSnapshot? baseline, string baselinePath, FrontierOutcome? frontier, bool cached)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(result);
        var reasons = new List<(Verdict Verdict, string Text)>();
        var baselineReasons = new HashSet<string>(StringComparer.Ordinal);
        if (result.Attacked == 0)
            reasons.Add((Verdict.Inconclusive, Invariant($"no image was attacked: the model classifies none of the {result.Dataset.Count} images correctly (clean accuracy {result.CleanAccuracy:0.####})")));

        foreach (var flag in result.Sanity ?? [])
        {
            if (flag.Severity == SanitySeverity.Warning && check.AcceptSanity.TryGetValue(flag.Code, out var why))
                reasons.Add((Verdict.Pass, $"note: sanity {flag.Code} accepted by the check ({why}): {flag.Message}"));
            else
                reasons.Add((Verdict.Inconclusive, $"sanity {flag.Severity} {flag.Code}: {flag.Message}; the measurement may be silently weak. Fix the model or attack, or if this is expected, accept it in the check: \"acceptSanity\": {{ \"{flag.Code}\": \"why\" }}"));
        }

        string? protocol = baseline is null ? null : ProtocolDifference(baseline, result);
        if (baseline is null)
            reasons.Add((Verdict.Inconclusive, Baseline($"no approved baseline {baselinePath}: review the received snapshot beside it and approve it ('robustness-gate approve --check {check.Id}')")));
        else if (protocol is not null)
            reasons.Add((Verdict.Inconclusive, Baseline($"the approved baseline {baselinePath} was measured with another protocol ({protocol}): review the received snapshot and approve it")));
        var comparable = baseline is not null && protocol is null ? baseline : null;
        if (comparable is not null && comparable.Model.Sha256 != result.Model.Sha256)
            reasons.Add((Verdict.Pass, $"note: the model changed since the baseline (sha256 {Short(comparable.Model.Sha256)} -> {Short(result.Model.Sha256)})"));

        var outcomes = new List<MetricOutcome>();
        bool moved = baseline is null || protocol is not null;
        foreach (var metric in GateMetrics.All.OrderBy(m => check.Metrics.Any(t => t.Metric == m) ? 0 : 1))
        {
            var outcome = JudgeMetric(check, metric, result, comparable);
            outcomes.Add(outcome);
            bool movedHere = outcome.Moved;
            if (outcome.Verdict != Verdict.Pass && outcome.Reason is not null)
                reasons.Add((outcome.Verdict, movedHere ? Baseline(outcome.Reason) : outcome.Reason));
            moved |= movedHere;
        }
        if (frontier is not null && frontier.Verdict != Verdict.Pass)
            reasons.Add((frontier.Verdict, "frontier: " + frontier.Reason));

        var verdict = Combine(reasons.Select(r => r.Verdict));
        // The snapshot records the verdict of the measurement against its bands and frontier, not against the baseline it
        // is about to become, so an approved file says "pass" for a run that meets its thresholds.
        var measured = Combine(reasons.Where(r => !baselineReasons.Contains(r.Text)).Select(r => r.Verdict));
        var held = outcomes.Where(o => o.Held && o.Health is not null).Select(o => o.Health!.Value).ToList();
        var health = held.Count == 0 ? Health.Good : held.Max();
        var reason = verdict == Verdict.Pass ? "" : string.Join("\n", reasons.OrderBy(r => r.Verdict == Verdict.Pass ? 1 : 0).Select(r => r.Text));
        return new CheckResult(check, result, outcomes, frontier, GateSnapshot.Of(check.Id, result, measured), moved, health, verdict, reason, cached);

        string Baseline(string text)
        {
            baselineReasons.Add(text);
            return text;
        }
    }

    private static Verdict Combine(IEnumerable<Verdict> verdicts)
    {
        var all = verdicts.ToList();
        return all.Contains(Verdict.Inconclusive) ? Verdict.Inconclusive : all.Contains(Verdict.Fail) ? Verdict.Fail : Verdict.Pass;
    }

    private static MetricOutcome JudgeMetric(GateCheck check, GateMetric metric, EvaluationResult result, GateSnapshot? baseline)
    {
        var threshold = check.Metrics.FirstOrDefault(t => t.Metric == metric);
        bool held = threshold is not null;
        var bands = threshold?.Bands ?? MetricBands.None;
        var tolerance = check.ToleranceOf(metric);
        var raw = metric.Read(result);
        double? value = raw is { } r && double.IsFinite(r) ? r : null;
        var se = metric.StandardError(result);
        double? before = null;
        bool hasBaseline = baseline is not null && baseline.Metrics.TryGetValue(metric.Name, out before);
        double tol = before is { } b0 ? tolerance.For(b0, se) : 0;
        double? delta = value is { } v0 && before is { } b1 ? v0 - b1 : null;
        var health = value is { } hv ? bands.HealthOf(hv, metric.Direction) : (Health?)null;

        if (baseline is not null && !hasBaseline)
        {
            // A baseline approved before this metric existed cannot vouch for it: the received snapshot that holds it
            // waits for approval, and a held metric fails closed until then.
            return new(metric.Name, metric.Direction, value, null, null, tol, se, bands, health, held ? Verdict.Inconclusive : Verdict.Pass,
                held ? $"{metric.Name} is not in the approved baseline: review the received snapshot and approve it" : null, held, Moved: true);
        }
        if (value is null)
        {
            if (raw is { } nonFinite)
                return new(metric.Name, metric.Direction, null, before, null, tol, se, bands, null, held ? Verdict.Inconclusive : Verdict.Pass,
                    $"{metric.Name} is not a number ({nonFinite})", held);
            if (held)
                return new(metric.Name, metric.Direction, null, before, null, tol, se, bands, null, Verdict.Inconclusive,
                    $"{metric.Name} is undefined: the attack fooled none of the {result.Attacked} images, so there is no distortion to hold", held);
            if (hasBaseline && before is not null)
                return new(metric.Name, metric.Direction, null, before, null, tol, se, bands, null, Verdict.Fail,
                    Invariant($"{metric.Name} moved from {before:G6} to undefined, beyond its tolerance"), held, Moved: true);
            return new(metric.Name, metric.Direction, null, before, null, tol, se, bands, null, Verdict.Pass, null, held);
        }
        var v = value.Value;
        if (bands.Breaks(v, metric.Direction))
        {
            var text = Invariant($"{metric.Name} = {v:G6} is beyond its break band {bands.Break:G6} ({(metric.Direction == MetricDirection.HigherIsBetter ? "must be at least" : "must be at most")} that)");
            bool movedToo = before is { } approved && Math.Abs(metric.Worsening(v, approved)) > tol;
            if (movedToo)
                text += Invariant($"; it moved from {before:G6}, beyond its tolerance {tol:G4}");
            return new(metric.Name, metric.Direction, v, before, delta, tol, se, bands, health, Verdict.Fail, text, held, movedToo);
        }
        if (hasBaseline && before is null)
        {
            return new(metric.Name, metric.Direction, v, null, null, tol, se, bands, health, Verdict.Fail,
                Invariant($"{metric.Name} moved from undefined to {v:G6}, beyond its tolerance"), held, Moved: true);
        }
        if (before is { } baseValue)
        {
            double worse = metric.Worsening(v, baseValue);
            if (Math.Abs(worse) > tol)
            {
                var sigmas = se is > 0 ? Invariant($", {Math.Abs(worse) / se.Value:0.#} standard errors") : "";
                var relative = baseValue != 0 ? Invariant($", {100 * (v - baseValue) / Math.Abs(baseValue):+0.0;-0.0} %") : "";
                var what = worse > 0 ? "regressed" : "improved";
                var text = Invariant($"{metric.Name} {what} from {baseValue:G6} to {v:G6} ({v - baseValue:+0.####;-0.####}{relative}{sigmas}), beyond its tolerance {tol:G4} = {tolerance}")
                    + (worse > 0 ? "" : ": if the improvement is real, approve the new baseline");
                return new(metric.Name, metric.Direction, v, baseValue, delta, tol, se, bands, health, Verdict.Fail, text, held, Moved: true);
            }
        }
        return new(metric.Name, metric.Direction, v, before, delta, tol, se, bands, health, Verdict.Pass, null, held);
    }

    /// <summary>What differs between how the baseline and the result were measured (the model may differ: that is what is judged).</summary>
    private static string? ProtocolDifference(GateSnapshot baseline, EvaluationResult result)
    {
        var differences = new List<string>();
        if (baseline.Dataset.Sha256 != result.Dataset.Sha256 || baseline.Dataset.Count != result.Dataset.Count)
            differences.Add($"data {baseline.Dataset.Name} x {baseline.Dataset.Count} (sha256 {Short(baseline.Dataset.Sha256)}) -> {result.Dataset.Name} x {result.Dataset.Count} (sha256 {Short(result.Dataset.Sha256)})");
        var was = Attacks.AttackSettings.Canonical(baseline.Attack.Name, baseline.Attack.Preset, baseline.Attack.Parameters);
        var now = Attacks.AttackSettings.Canonical(result.Attack.Name, result.Attack.Preset, result.Attack.Parameters);
        if (was != now)
            differences.Add($"attack {was} -> {now}");
        if (baseline.Target != result.Target)
            differences.Add($"target {baseline.Target} -> {result.Target}");
        if (baseline.Seed != result.Seed)
            differences.Add(Invariant($"seed {baseline.Seed} -> {result.Seed}"));
        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
