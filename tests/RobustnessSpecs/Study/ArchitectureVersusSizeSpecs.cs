using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Study.Analysis;
using Xunit;

namespace RobustnessSpecs.Study;

public class ArchitectureVersusSizeSpecs
{
    // Three families A, B, C with robustness (1, 2, 3), (4, 5, 6), (7, 8, 9) and sizes 10, 100, 1000 in each family.
    // By hand: grand mean 5, SST = 60; SS_within = 3 * 2 = 6, so eta^2 = 54 / 60 = 0.9.
    // ln(size) is k ln 10 with k = 1, 2, 3, and R^2 is scale-free: Sxy = 3 * 2 = 6, Sxx = 6, R^2 = 36 / (6 * 60) = 0.1.
    // y = 3 * (family index 0, 1, 2) + k exactly, so family and size together explain everything: combined R^2 = 1.
    // Adjusted (n = 9): family 1 - 0.1 * 8 / 6 = 0.866667, size 1 - 0.9 * 8 / 7 = -0.028571.
    private static readonly (string, long, double)[] Rows =
    [
        ("A", 10, 1), ("A", 100, 2), ("A", 1000, 3),
        ("B", 10, 4), ("B", 100, 5), ("B", 1000, 6),
        ("C", 10, 7), ("C", 100, 8), ("C", 1000, 9),
    ];

    // SVD least squares on 9 rows of O(1..7) numbers: residual errors near 1e-14.
    private const double Tight = 1e-10;

    [Fact]
    public void Eta_squared_and_size_R2_match_the_hand_computed_shares()
    {
        var r = ArchitectureVersusSize.Of(Norm.L2, Rows);

        r.N.Should().Be(9);
        r.Families.Should().Be(3);
        r.FamilyEtaSquared.Should().BeApproximately(0.9, Tight);
        r.SizeRSquared.Should().BeApproximately(0.1, Tight);
        r.CombinedRSquared.Should().BeApproximately(1, Tight);
        r.FamilyAfterSize.Should().BeApproximately(0.9, Tight);
        r.SizeAfterFamily.Should().BeApproximately(0.1, Tight);
        r.FamilyAdjusted.Should().BeApproximately(1 - 0.1 * 8 / 6, Tight);
        r.SizeAdjusted.Should().BeApproximately(1 - 0.9 * 8 / 7, Tight);
        r.FamilyExplainsMore.Should().BeTrue();
        r.Note.Should().BeNull();
    }

    [Fact]
    public void When_size_drives_robustness_size_explains_more()
    {
        // Robustness = ln(size) exactly, sizes spread across families: size R^2 = 1, family much less.
        (string, long, double)[] rows = [("A", 10, 0), ("A", 1000, 0), ("B", 100, 0), ("B", 10000, 0), ("C", 10, 0), ("C", 100000, 0)];
        rows = rows.Select(r => (r.Item1, r.Item2, Math.Log(r.Item2))).ToArray();

        var r = ArchitectureVersusSize.Of(Norm.L2, rows);

        r.SizeRSquared.Should().BeApproximately(1, Tight);
        r.FamilyExplainsMore.Should().BeFalse();
    }

    [Fact]
    public void One_model_per_family_leaves_the_comparison_undefined()
    {
        var r = ArchitectureVersusSize.Of(Norm.L2, [("A", 10, 1), ("B", 100, 2), ("C", 1000, 4)]);

        r.FamilyExplainsMore.Should().BeNull();
        r.Note.Should().Contain("no degrees of freedom");
    }

    [Fact]
    public void Equal_robustness_everywhere_has_nothing_to_explain()
    {
        var r = ArchitectureVersusSize.Of(Norm.L2, [("A", 10, 1), ("A", 100, 1), ("B", 1000, 1)]);

        r.FamilyEtaSquared.Should().BeNull();
        r.Note.Should().Contain("nothing to explain");
    }
}
