using RobustnessGate.Attacks;
using RobustnessGate.Clever;

namespace RobustnessGate.Study.Running;

/// <summary>
/// The ids of a plan's cells ("units"), the same on every machine: "model/attack-target" for attack cells and the
/// transfer-source cell, "model/clever-norm-target" for CLEVER cells; they mirror the cell files under cells/.
/// </summary>
public static class StudyUnitIds
{
    /// <summary>The id of an attack cell (or the transfer-source cell).</summary>
    public static string Attack(string model, string attack, string target) => $"{model}/{attack}-{target}";

    /// <summary>The id of a CLEVER cell.</summary>
    public static string Clever(string model, string norm, string target) => $"{model}/clever-{norm}-{target}";

    /// <summary>Every unit of <paramref name="plan"/> in run order.</summary>
    public static IEnumerable<string> All(StudyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Models.SelectMany(m => OfModel(plan, m.Name));
    }

    /// <summary>The units of one model in run order: attacks x targets, the transfer source, the CLEVER cells.</summary>
    public static IEnumerable<string> OfModel(StudyPlan plan, string model)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var a in plan.Attacks)
        {
            foreach (var t in plan.Targets)
                yield return Attack(model, a.Name, TargetNames.Name(t));
        }
        if (plan.Transfer is not null)
            yield return Attack(model, plan.Transfer.Name, TargetNames.Name(TargetMode.Untargeted));
        foreach (var c in plan.Clever ?? [])
            yield return Clever(model, CleverEstimator.NormName(c.Norm), TargetNames.Name(c.Target));
    }
}
