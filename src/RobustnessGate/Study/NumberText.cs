using System.Globalization;

namespace RobustnessGate.Study;

/// <summary>Culture-invariant number text for evidence lines and reports.</summary>
internal static class NumberText
{
    /// <summary>Four significant digits without exponent for ordinary magnitudes; "n/a" for null.</summary>
    public static string G(double? value)
    {
        if (value is not { } v)
            return "n/a";
        if (v == 0)
            return "0";
        double a = Math.Abs(v);
        if (a >= 1e-5 && a < 1e6)
        {
            int decimals = Math.Max(0, 3 - (int)Math.Floor(Math.Log10(a)));
            return Math.Round(v, decimals).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
        }
        return v.ToString("0.###e+0", CultureInfo.InvariantCulture);
    }

    /// <summary>A fraction as a percentage with two decimals ("95.85 %"); "n/a" for null.</summary>
    public static string Percent(double? fraction) =>
        fraction is { } f ? (100 * f).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "n/a";

    /// <summary>A value in [0, 1] with two decimals (R^2, eta^2, correlations); "n/a" for null.</summary>
    public static string Share(double? value) =>
        value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
}
