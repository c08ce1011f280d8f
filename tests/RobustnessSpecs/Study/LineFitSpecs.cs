using FluentAssertions;
using RobustnessGate.Study.Analysis;
using Xunit;

namespace RobustnessSpecs.Study;

public class LineFitSpecs
{
    // Sums of six O(1) terms in double precision carry rounding errors near 1e-15; 1e-12 leaves three orders of margin.
    private const double Exact = 1e-12;

    [Fact]
    public void An_exact_line_in_ln_error_is_recovered_exactly_with_R2_one_and_a_zero_width_interval()
    {
        double[] errors = [0.01, 0.02, 0.05, 0.1, 0.3];
        var x = errors.Select(v => Math.Log(v)).ToList();
        var y = x.Select(v => 0.3 * v + 2).ToList();

        var fit = LineFit.Of(x, y);

        fit.N.Should().Be(5);
        fit.Slope.Should().BeApproximately(0.3, Exact);
        fit.Intercept.Should().BeApproximately(2, Exact);
        fit.RSquared.Should().BeApproximately(1, Exact);
        fit.SlopeStandardError.Should().BeApproximately(0, 1e-7); // sqrt of a residual sum of about 1e-30 relative
        fit.SlopeLower.Should().BeApproximately(0.3, 1e-6);
        fit.SlopeUpper.Should().BeApproximately(0.3, 1e-6);
        fit.Note.Should().BeNull();
    }

    [Fact]
    public void Noisy_data_give_the_numbers_numpy_computes()
    {
        // Expected values from numpy 1.24 (np.linalg.lstsq on [ln(err), 1]; SE = sqrt(SSR / (n - 2) / Sxx); interval with
        // t(0.975, 4) = 2.7764451051977987 from the t table):
        //   slope 0.3267155026933714, intercept 2.5858359546116048, R^2 0.9840604453339618,
        //   SE 0.020790596539649136, interval [0.26899155269672037, 0.38443945269002244].
        double[] errors = [0.01, 0.02, 0.03, 0.05, 0.08, 0.12];
        double[] distortion = [1.10, 1.32, 1.41, 1.60, 1.71, 1.95];

        var fit = LineFit.Of(errors.Select(v => Math.Log(v)).ToList(), distortion);

        fit.Slope.Should().BeApproximately(0.3267155026933714, Exact);
        fit.Intercept.Should().BeApproximately(2.5858359546116048, Exact);
        fit.RSquared.Should().BeApproximately(0.9840604453339618, Exact);
        fit.SlopeStandardError.Should().BeApproximately(0.020790596539649136, Exact);
        // The interval inherits the t quantile's error (MathNet inverts the CDF numerically; see the quantile test: < 1e-9),
        // times SE = 0.02: 1e-10 is ample.
        fit.SlopeLower.Should().BeApproximately(0.26899155269672037, 1e-10);
        fit.SlopeUpper.Should().BeApproximately(0.38443945269002244, 1e-10);
    }

    [Theory]
    [InlineData(1, 12.706204736174698)]
    [InlineData(4, 2.7764451051977987)]
    [InlineData(10, 2.2281388519649385)]
    [InlineData(30, 2.0422724563012373)]
    public void The_t_quantile_matches_the_table(int dof, double expected)
    {
        // Table values of t(0.975, dof) (R: qt(0.975, dof)); the check value is t(0.975, 10) = 2.228138852.
        // MathNet finds the quantile by root search; 1e-9 is the accuracy the report needs (3 significant digits) with margin.
        LineFit.StudentTQuantile(0.975, dof).Should().BeApproximately(expected, 1e-9);
    }

    [Fact]
    public void Two_points_give_a_line_but_no_interval()
    {
        var fit = LineFit.Of([0, 1], [1, 3]);

        fit.Slope.Should().BeApproximately(2, Exact);
        fit.Intercept.Should().BeApproximately(1, Exact);
        fit.SlopeStandardError.Should().BeNull();
        fit.SlopeLower.Should().BeNull();
        fit.Note.Should().Contain("n = 2");
    }

    [Fact]
    public void One_point_gives_no_line()
    {
        var fit = LineFit.Of([1], [1]);

        fit.Slope.Should().BeNull();
        fit.RSquared.Should().BeNull();
        fit.Note.Should().Contain("at least 2 points");
    }

    [Fact]
    public void Equal_x_values_leave_the_slope_undefined_instead_of_dividing_by_zero()
    {
        var fit = LineFit.Of([2, 2, 2], [1, 2, 3]);

        fit.Slope.Should().BeNull();
        fit.Intercept.Should().BeNull();
        fit.Note.Should().Contain("all x values are equal");
    }

    [Fact]
    public void Equal_y_values_give_slope_zero_and_no_R2()
    {
        var fit = LineFit.Of([1, 2, 3], [5, 5, 5]);

        fit.Slope.Should().Be(0);
        fit.RSquared.Should().BeNull();
        fit.SlopeStandardError.Should().Be(0);
        fit.Note.Should().Contain("R^2 is undefined");
    }

    [Fact]
    public void Mismatched_lengths_and_non_finite_values_are_rejected()
    {
        FluentActions.Invoking(() => LineFit.Of([1, 2], [1])).Should().Throw<ArgumentException>().WithMessage("*2 values*1*");
        FluentActions.Invoking(() => LineFit.Of([1, double.NaN], [1, 2])).Should().Throw<ArgumentException>();
    }
}
