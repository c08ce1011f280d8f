using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;

namespace RobustnessGate.Gate;

/// <summary>Runs a <see cref="GateCheck"/> on the built-in test split (or the given images) and compares it with its bounds.</summary>
public static class GateRunner
{
    /// <summary>Evaluates the check. Relative model paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static EvaluationResult Evaluate(GateCheck check, string? baseDirectory = null, ImageSet? data = null)
    {
        ArgumentNullException.ThrowIfNull(check);
        var spec = check.Model;
        if (KnownModels.Find(spec) is null && !System.IO.Path.IsPathRooted(spec) && baseDirectory is not null)
            spec = System.IO.Path.Combine(baseDirectory, spec);
        using var model = ModelLoader.Load(spec);
        var attack = check.Attack.Create();
        var options = new EvaluationOptions(TargetNames.Parse(check.Target), check.Count, check.Seed);
        return Evaluator.Run(model, data ?? BuiltInData.Load(BuiltInData.TestName), attack, options);
    }

    /// <summary>The bounds the result violates, each as a sentence naming model, attack, metric, value and threshold.</summary>
    public static IReadOnlyList<string> Violations(GateCheck check, EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(result);
        var messages = new List<string>();
        foreach (var b in check.Bounds)
        {
            var value = GateMetrics.Read(result, b.Metric);
            string head = $"check '{check.Id}': model {check.Model}, attack {check.Attack.Name}, target {check.Target}: {b.Metric}";
            if (value is null)
                messages.Add($"{head} is undefined (no successful example), threshold {Describe(b)}");
            else if (b.Min is { } min && value < min)
                messages.Add(FormattableString.Invariant($"{head} = {value:G6} is below the minimum {min:G6}"));
            else if (b.Max is { } max && value > max)
                messages.Add(FormattableString.Invariant($"{head} = {value:G6} is above the maximum {max:G6}"));
        }
        return messages;
    }

    private static string Describe(MetricBound b) =>
        FormattableString.Invariant($"[{(b.Min is { } lo ? lo.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : "-inf")}, {(b.Max is { } hi ? hi.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : "inf")}]");
}
