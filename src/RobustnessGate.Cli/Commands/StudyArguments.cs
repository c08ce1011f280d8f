using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Study.Running;

namespace RobustnessGate.Cli.Commands;

/// <summary>
/// The study's own options (budget, models, data, count, attacks, targets, seed, transfer, CLEVER) turned into a
/// <see cref="StudyPlan"/>. A shard records them (<see cref="Recorded"/>) so that a merge rebuilds the same plan.
/// </summary>
internal sealed record StudyArguments(StudyPlan Plan, ImageSet Data, string BudgetName)
{
    /// <summary>Options of the study command that are not part of the study itself (where and how one machine runs it).</summary>
    public static readonly string[] RunOptions = ["out", "shard", "quiet", "list-shards", "jobs", "worker"];

    /// <summary>The arguments a shard records: everything given except <see cref="RunOptions"/>.</summary>
    public static IReadOnlyList<string> Recorded(CommandLine cl) => cl.Given(RunOptions);

    /// <summary>
    /// Reads and removes the study options from <paramref name="cl"/>, checks that nothing else is left (the caller reads
    /// its own options first), loads the data and builds the plan.
    /// </summary>
    public static StudyArguments Read(CommandLine cl, string command)
    {
        var budgetName = cl.String("budget") ?? "quick";
        if (!StudyBudgets.Names.Contains(budgetName))
            throw new UsageException($"option --budget: expected one of {string.Join(", ", StudyBudgets.Names)}, found '{budgetName}'");
        var budget = StudyBudgets.Parse(budgetName);
        var modelSpecs = cl.String("models");
        var dataArgs = DataArguments.Read(cl);
        var count = cl.Int("count", 1) ?? StudyBudgets.Count(budget);
        var seed = cl.Long("seed") ?? 1215;
        var attackFilter = cl.String("attacks");
        var targetFilter = cl.String("targets");
        bool transfer = !cl.Flag("no-transfer");
        bool clever = !cl.Flag("no-clever");
        var normalizationArgs = NormalizationArguments.Read(cl, dataArgs);
        cl.EnsureEmpty(command);

        var attacks = StudyBudgets.Attacks(budget);
        if (attackFilter is not null)
        {
            var wanted = attackFilter.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = wanted.Where(w => attacks.All(a => a.Name != w)).ToList();
            if (unknown.Count > 0)
                throw new UsageException($"--attacks: {string.Join(", ", unknown)} not in the study; expected some of {string.Join(", ", attacks.Select(a => a.Name))}");
            attacks = attacks.Where(a => wanted.Contains(a.Name)).ToList();
        }
        var targets = targetFilter is null ? StudyBudgets.Targets(budget)
            : targetFilter.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(TargetNames.Parse).ToList();
        var models = modelSpecs is null ? StudyModels.Zoo()
            : StudyModels.FromSpecs(modelSpecs.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        var data = dataArgs.Load();
        // One normalisation for every model of the study: they see the same images (the frontier's protocol).
        if (normalizationArgs.For(data) is { } normalization)
            models = models.Select(m => m with { Normalization = normalization }).ToList();
        var galleryModels = models.GroupBy(m => m.Family).Select(g => g.First().Name).Take(4).ToList();
        var plan = new StudyPlan(
            modelSpecs is null ? "Built-in MNIST-scale zoo of 18 models" : $"{models.Count} user models",
            budgetName, models, attacks, targets, count, seed, transfer ? StudyBudgets.Transfer : null,
            galleryModels, "cw", 3, clever ? StudyBudgets.Clever(budget) : null);
        return new StudyArguments(plan, data, budgetName);
    }
}
