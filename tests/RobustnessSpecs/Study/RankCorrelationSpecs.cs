using FluentAssertions;
using RobustnessGate.Study.Analysis;
using Xunit;

namespace RobustnessSpecs.Study;

public class RankCorrelationSpecs
{
    [Fact]
    public void Without_ties_rho_follows_the_textbook_formula()
    {
        // d = rank differences (-1, 1, -1, 1, 0), sum d^2 = 4: rho = 1 - 6 * 4 / (5 * (25 - 1)) = 0.8 exactly.
        RankCorrelation.Spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]).Should().BeApproximately(0.8, 1e-12);
    }

    [Fact]
    public void Tied_values_share_their_average_rank()
    {
        // y = (5, 6, 7, 8, 7): ranks (1, 2, 3.5, 5, 3.5). Pearson of the ranks: Sxy = 8, Sxx = 10, Syy = 9.5,
        // rho = 8 / sqrt(95) = 0.82078268166812...
        RankCorrelation.Ranks([5, 6, 7, 8, 7]).Should().Equal(1, 2, 3.5, 5, 3.5);
        RankCorrelation.Spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).Should().BeApproximately(8 / Math.Sqrt(95), 1e-12);
    }

    [Fact]
    public void Monotone_data_give_plus_or_minus_one_whatever_the_spacing()
    {
        RankCorrelation.Spearman([1, 10, 100], [0.1, 0.2, 5]).Should().Be(1);
        RankCorrelation.Spearman([1, 10, 100], [3, 2, 1]).Should().Be(-1);
    }

    [Fact]
    public void No_spread_or_a_single_pair_has_no_correlation()
    {
        RankCorrelation.Spearman([1, 2, 3], [4, 4, 4]).Should().BeNull();
        RankCorrelation.Spearman([1], [2]).Should().BeNull();
    }
}
