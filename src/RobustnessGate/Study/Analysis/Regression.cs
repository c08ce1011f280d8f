using MathNet.Numerics.LinearAlgebra;

namespace RobustnessGate.Study.Analysis;

/// <summary>Multiple least squares with an intercept, solved by SVD so that collinear predictors (e.g. one size per family) still fit.</summary>
internal static class Regression
{
    /// <summary>R^2 of y on the predictor rows plus an intercept (y must have spread).</summary>
    public static double RSquared(double[][] predictors, double[] y)
    {
        int n = y.Length;
        int p = predictors.Length == 0 ? 0 : predictors[0].Length;
        var x = Matrix<double>.Build.Dense(n, p + 1, (i, j) => j == 0 ? 1 : predictors[i][j - 1]);
        var target = Vector<double>.Build.DenseOfArray(y);
        var beta = x.Svd(computeVectors: true).Solve(target);
        var residual = target - x * beta;
        double mean = y.Average();
        double sst = y.Sum(v => (v - mean) * (v - mean));
        return Math.Clamp(1 - residual.DotProduct(residual) / sst, 0, 1);
    }
}
