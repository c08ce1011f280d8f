using RobustnessGate.Attacks;
using RobustnessGate.Attacks.CarliniWagner;
using RobustnessGate.Attacks.Pgd;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Gate;
using RobustnessGate.Metrics;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Frontiers;

namespace RobustnessSpecs.Gate;

/// <summary>
/// Hand-built evaluation results, checks and frontiers for the gate specs: no attack runs and no model is loaded.
/// The numbers are chosen so that every standard error is exact in binary floating point or easy to check by hand.
/// </summary>
internal static class GateExamples
{
    public const string CheckId = "lenet-pgd";

    public static readonly string ModelSha = new('a', 64);
    public static readonly string WeakerModelSha = new('c', 64);
    public static readonly string DataSha = new('b', 64);
    public static readonly string OtherDataSha = new('d', 64);
    public static readonly string AccuracySha = new('e', 64);

    public static readonly EngineInfo Engine = new("RobustnessGate", "0.1.0", "0.107.0", 2);

    public static AttackSettings Pgd => PgdAttack.Definition.Configure(AttackPreset.Strong);

    public static AttackSettings Cw => CwAttack.Definition.Configure(AttackPreset.Strong);

    public static AttackInfo Info(AttackSettings settings) => new(settings.Name, settings.Preset, settings.Parameters);

    /// <summary>
    /// 100 images, 80 classified correctly and attacked, 64 fooled: clean accuracy 0.8, success rate 0.8, robust accuracy
    /// (80 - 64) / 100 = 0.16. L2: mean 1.5, std 0.4, so the mean's standard error is 0.4 / sqrt(64) = 0.05 exactly and
    /// the default tolerance max(0, 0.01 x 1.5, 2 x 0.05) = 0.1.
    /// </summary>
    public static EvaluationResult Result(AttackSettings? attack = null) => new()
    {
        Engine = Engine,
        Model = new ModelInfo("lenet", ModelSha),
        Dataset = new DatasetInfo(BuiltInData.TestName, 100, DataSha),
        Attack = Info(attack ?? Pgd),
        Target = "untargeted",
        Seed = 1215,
        CleanAccuracy = 0.8,
        Attacked = 80,
        Succeeded = 64,
        SuccessRate = 0.8,
        RobustAccuracy = 0.16,
        Distortion = new DistortionStatistics(new Summary(30, 8, 28), new Summary(8, 2, 7.5), new Summary(1.5, 0.4, 1.45), new Summary(0.3, 0.05, 0.29)),
        Seconds = 1,
        Examples = [],
    };

    /// <summary>The result with a different mean L2 (everything else, std included, unchanged).</summary>
    public static EvaluationResult WithMeanL2(this EvaluationResult result, double mean) =>
        result with { Distortion = result.Distortion with { L2 = result.Distortion.L2 with { Mean = mean } } };

    /// <summary>A model no image of which was classified correctly: nothing attacked, every distortion undefined.</summary>
    public static EvaluationResult NothingAttacked() => Result() with
    {
        CleanAccuracy = 0,
        Attacked = 0,
        Succeeded = 0,
        SuccessRate = null,
        RobustAccuracy = 0,
        Distortion = DistortionStatistics.None,
    };

    /// <summary>An attack that fooled none of the 80 images: success rate 0, robust accuracy 0.8, every distortion undefined.</summary>
    public static EvaluationResult NothingFooled() => Result() with
    {
        Succeeded = 0,
        SuccessRate = 0,
        RobustAccuracy = 0.8,
        Distortion = DistortionStatistics.None,
    };

    public static MetricThreshold Hold(string metric, MetricBands? bands = null, RegressionTolerance? tolerance = null) =>
        new(GateMetrics.Get(metric), bands ?? MetricBands.None, tolerance ?? RegressionTolerance.Default);

    /// <summary>A check of lenet under strong PGD holding <paramref name="metrics"/> (mean L2 by default).</summary>
    public static GateCheck Check(params MetricThreshold[] metrics) =>
        new(CheckId, null, new ModelSource("lenet", null), new DataSource(BuiltInData.TestName, null, null), Pgd, TargetMode.Untargeted, 100, 1215,
            metrics.Length == 0 ? [Hold("meanL2")] : metrics, RegressionTolerance.Default, null);

    /// <summary>
    /// A C&amp;W L2 frontier through a (0.90, 2.0), b (0.95, 1.6) and c (0.99, 1.0), with d (0.93, 1.2) dominated by b.
    /// Between b and c the frontier is 1.6 + (accuracy - 0.95) / 0.04 x (1.0 - 1.6): 1.3 at 0.97.
    /// </summary>
    public static FrontierFile Frontier() => new()
    {
        Protocol = new FrontierProtocol("cw", "strong", Cw.Parameters, "untargeted", 1215, BuiltInData.TestName, 100, DataSha, 2000, AccuracySha),
        Norm = "L2",
        Engine = Engine,
        Models =
        [
            new FrontierModel("a", "mlp", new string('1', 64), 0.90, 2.0, 90, 90, true),
            new FrontierModel("b", "lenet", new string('2', 64), 0.95, 1.6, 95, 95, true),
            new FrontierModel("d", "vgg", new string('4', 64), 0.93, 1.2, 93, 93, false),
            new FrontierModel("c", "resnet", new string('3', 64), 0.99, 1.0, 99, 99, true),
        ],
        Frontier = [new FrontierPoint("a", 0.90, 2.0), new FrontierPoint("b", 0.95, 1.6), new FrontierPoint("c", 0.99, 1.0)],
    };
}
