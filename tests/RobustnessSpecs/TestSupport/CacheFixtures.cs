using RobustnessGate.Attacks;
using RobustnessGate.Attacks.Pgd;
using RobustnessGate.Evaluation;
using RobustnessGate.Metrics;
using RobustnessGate.Runtime;

namespace RobustnessSpecs.TestSupport;

/// <summary>Fake evaluation results for the result cache specs, built the same way in the test process and in a helper process.</summary>
internal static class CacheFixtures
{
    public static string ModelSha256 { get; } = new('a', 64);

    public static string DatasetSha256 { get; } = new('b', 64);

    public static EngineInfo Engine { get; } = new("RobustnessGate", "0.1.0", "0.107.0", 2);

    /// <summary>PGD's strong preset with 5 steps, changed further by <paramref name="change"/>.</summary>
    public static AttackSettings Pgd(Func<PgdOptions, PgdOptions>? change = null) =>
        PgdAttack.Definition.Configure(AttackPreset.Strong, o => change is null ? o with { Steps = 5 } : change(o with { Steps = 5 }));

    /// <summary>
    /// A result of <paramref name="attack"/> over <paramref name="count"/> images, every second one a success, with per-example
    /// values; <paramref name="seconds"/> tells results of the same key apart.
    /// </summary>
    public static EvaluationResult Result(AttackSettings? attack = null, int count = 10, double seconds = 1, long seed = 1215)
    {
        attack ??= Pgd();
        var examples = Enumerable.Range(0, count).Select(i =>
        {
            bool success = i % 2 == 0;
            return new ExampleResult(i, i % 10, null, i % 10, success ? (i + 1) % 10 : i % 10, true, success,
                success ? 17 + i : null, success ? 3.25 + i / 7.0 : null, success ? 1.5 + i / 3.0 : null, success ? 0.3 : null,
                new Dictionary<string, double?> { ["epsilon"] = success ? 0.1 + i / 1000.0 : null });
        }).ToList();
        int succeeded = examples.Count(e => e.Success);
        return new EvaluationResult
        {
            Engine = Engine,
            Model = new ModelInfo("lenet", ModelSha256),
            Dataset = new DatasetInfo("mnist-test", count, DatasetSha256),
            Attack = new AttackInfo(attack.Name, attack.Preset, attack.Parameters),
            Target = "untargeted",
            Seed = seed,
            CleanAccuracy = 1,
            Attacked = count,
            Succeeded = succeeded,
            SuccessRate = (double)succeeded / count,
            RobustAccuracy = (double)(count - succeeded) / count,
            Distortion = new DistortionStatistics(new Summary(40, 5, 39), Summary.None, new Summary(1.5, 0.2, 1.4), new Summary(0.3, 0, 0.3)),
            Seconds = seconds,
            Examples = examples,
        };
    }
}
