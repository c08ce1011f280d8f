using RobustnessGate.Attacks;

namespace RobustnessGate.Study.Analysis;

/// <summary>Choices of the study analysis.</summary>
/// <param name="NormPerAttack">
/// The distortion norm analysed for each attack (case-insensitive names); attacks not listed use L2. Default: the norm each
/// attack minimises in Su et al.: cw L2, ead L1, ifgsm / fgsm-sweep / fgsm / pgd Linf.
/// </param>
/// <param name="Series">When a change along a depth/width series counts.</param>
/// <param name="MinimumScalingRSquared">
/// Finding 1 needs a "linear" law: a fit supports it when its slope's 95 % interval lies above 0 and its R^2 is at least
/// this. Default 0.5 (the line explains at least half of the spread).
/// </param>
/// <param name="WideTransferFamily">The family the paper found to transfer widely. Default "VGG".</param>
public sealed record AnalysisOptions(IReadOnlyDictionary<string, Norm> NormPerAttack, SeriesTrendOptions Series,
    double MinimumScalingRSquared = 0.5, string WideTransferFamily = "VGG")
{
    /// <summary>The defaults.</summary>
    public static AnalysisOptions Default { get; } = new(
        new Dictionary<string, Norm>(StringComparer.OrdinalIgnoreCase)
        {
            ["cw"] = Norm.L2,
            ["ead"] = Norm.L1,
            ["ifgsm"] = Norm.Linf,
            ["fgsm-sweep"] = Norm.Linf,
            ["fgsm"] = Norm.Linf,
            ["pgd"] = Norm.Linf,
        },
        SeriesTrendOptions.Default);

    /// <summary>The norm analysed for <paramref name="attack"/>.</summary>
    public Norm NormFor(string attack) =>
        NormPerAttack.FirstOrDefault(kv => string.Equals(kv.Key, attack, StringComparison.OrdinalIgnoreCase)) is { Key: not null } kv ? kv.Value : Norm.L2;
}
