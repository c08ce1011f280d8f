using RobustnessGate.Attacks;
using RobustnessGate.Clever;
using RobustnessGate.Data;
using RobustnessGate.Models;
using RobustnessGate.Study.Running;

namespace RobustnessGate.Study.Sharding;

/// <summary>
/// A static estimate of what each unit of a study costs, the same on every machine (no timing): the model's
/// multiply-adds per image times the forward-pass equivalents the unit's settings allow (a forward pass = 1, a forward
/// and backward pass = 3) times its images. Only the relative sizes matter: they balance the shards.
/// </summary>
public static class StudyCostModel
{
    /// <summary>
    /// Multiply-adds of one forward pass of one image of <paramref name="data"/>'s shape, and the leaf modules it calls
    /// (<see cref="ModelWork.Measure"/>).
    /// </summary>
    public static (long MultiplyAdds, int Layers) Measure(IClassifier model, ImageSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return ModelWork.Measure(model, data.Channels, data.Height, data.Width);
    }

    /// <summary>Forward-pass equivalents per image of one attack cell with <paramref name="settings"/> against <paramref name="target"/>.</summary>
    public static double AttackPasses(AttackSettings settings, TargetMode target)
    {
        ArgumentNullException.ThrowIfNull(settings);
        double Get(string name, double fallback) => settings.Parameters.TryGetValue(name, out var v) ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        // Untargeted runs with candidate classes run k + 1 times (the attacks' "candidates" option).
        double runs = target == TargetMode.Untargeted ? 1 + Get("candidates", 0) : 1;
        const double Gradient = 3;
        return runs * settings.Name switch
        {
            // One gradient, then a forward pass per budget on the grid (the sweep's worst case).
            "fgsm-sweep" => Gradient + Get("maxEpsilon", 1) / Get("epsilonStep", 1),
            "ifgsm" => Get("attempts", 1) * (Get("iterations", 1) * Gradient + 1),
            "pgd" => Get("steps", 1) * Gradient + 1,
            "cw" => Get("binarySteps", 1) * Get("iterations", 1) * Gradient,
            // EAD scores its iterate with a forward pass every scoreEvery iterations.
            "ead" => Get("binarySteps", 1) * Get("iterations", 1) * (Gradient + 1 / Math.Max(1, Get("scoreEvery", 1))),
            "fgsm" => Gradient + 1,
            _ => Gradient,
        };
    }

    /// <summary>
    /// Forward-pass equivalents of a CLEVER cell per image and per batch of points: one forward pass and one backward
    /// pass (2 forward equivalents) per class it differentiates, all <paramref name="classes"/> - 1 others untargeted, 1
    /// targeted.
    /// </summary>
    public static double CleverPasses(CleverOptions options, int classes)
    {
        ArgumentNullException.ThrowIfNull(options);
        int gradients = options.Target == TargetMode.Untargeted ? Math.Max(1, classes - 1) : 1;
        return 1 + 2.0 * gradients;
    }

    /// <summary>
    /// The fixed cost of one leaf module call, in multiply-adds, whatever the batch: kernel launch, allocation and
    /// autograd bookkeeping. Fitted on the measured cell times (result files' "seconds") of a whole quick study (342
    /// cells, 18 models, 2 shared cores): the value minimising the squared log error of measured seconds against the
    /// estimate (mean squared log residual 0.95 without it, 0.74 with it; Pearson correlation of the logs 0.883 and 0.891,
    /// Spearman 0.829 and 0.843). The rest of the error is mostly per attack: with early aborts EAD costs about a third
    /// of the seconds per estimated multiply-add of C&amp;W and I-FGSM. What matters is the split: with these estimates the
    /// measured cell times of that study add up to 448, 501 and 491 s in 3 shards (ideal 480: the slowest 4 % over),
    /// 382 s slowest of 4 (ideal 360, 6 % over) and 217 s slowest of 8 (ideal 180, 21 % over).
    /// </summary>
    public const double LayerOverhead = OverheadValue;

    private const double OverheadValue = 6e5;

    /// <summary>
    /// Every unit of <paramref name="plan"/> with its cost, in run order: passes x (rows x multiply-adds + batches x
    /// layers x <see cref="LayerOverhead"/>), where an attack cell runs its passes over its images in batches of
    /// <paramref name="attackBatch"/> and a CLEVER cell runs N_b batches of N_s points per image.
    /// </summary>
    public static IReadOnlyList<StudyUnit> Units(StudyPlan plan, IReadOnlyDictionary<string, ModelProfile> profile, int attackBatch = 100)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(profile);
        var units = new List<StudyUnit>();
        foreach (var model in plan.Models)
        {
            var p = profile[model.Name];
            double Batched(int rows, int batch) => (double)rows * p.MultiplyAdds + Math.Ceiling((double)rows / batch) * p.Layers * LayerOverhead;
            double images = Batched(plan.Count, attackBatch);
            foreach (var a in plan.Attacks)
            {
                foreach (var t in plan.Targets)
                    units.Add(new StudyUnit(StudyUnitIds.Attack(model.Name, a.Name, TargetNames.Name(t)), model.Name, images * AttackPasses(a, t)));
            }
            if (plan.Transfer is not null)
                units.Add(new StudyUnit(StudyUnitIds.Attack(model.Name, plan.Transfer.Name, TargetNames.Name(TargetMode.Untargeted)), model.Name,
                    images * AttackPasses(plan.Transfer, TargetMode.Untargeted)));
            foreach (var c in plan.Clever ?? [])
            {
                int count = Math.Min(c.Count ?? plan.Count, plan.Count);
                units.Add(new StudyUnit(StudyUnitIds.Clever(model.Name, CleverEstimator.NormName(c.Norm), TargetNames.Name(c.Target)), model.Name,
                    count * (double)c.Batches * CleverPasses(c, p.Classes) * Batched(c.Samples, c.BatchSize)));
            }
        }
        return units;
    }
}
