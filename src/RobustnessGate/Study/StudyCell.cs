using RobustnessGate.Evaluation;

namespace RobustnessGate.Study;

/// <summary>The outcome of one attack with one target mode on one model.</summary>
/// <param name="Model">Name of a model in <see cref="StudyResults.Models"/>.</param>
/// <param name="Attack">Attack name as in result.json (e.g. "cw", "ifgsm").</param>
/// <param name="Target">Target mode: untargeted, random, least-likely or top2.</param>
/// <param name="Attacked">Attack instances (correctly classified images, or (image, target) pairs).</param>
/// <param name="Succeeded">Instances whose adversarial example was verified; 0 &lt;= succeeded &lt;= attacked.</param>
/// <param name="Distortion">Distortion over the successful instances, per norm.</param>
public sealed record StudyCell(string Model, string Attack, string Target, int Attacked, int Succeeded, DistortionStatistics Distortion)
{
    /// <summary>Succeeded / attacked (null when nothing was attacked); higher = weaker model.</summary>
    public double? SuccessRate => Attacked == 0 ? null : (double)Succeeded / Attacked;

    /// <summary>The cell of one evaluation; <paramref name="model"/> overrides the model name (e.g. file name to zoo name).</summary>
    public static StudyCell From(EvaluationResult result, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new StudyCell(model ?? result.Model.Name, result.Attack.Name, result.Target, result.Attacked, result.Succeeded, result.Distortion);
    }
}
