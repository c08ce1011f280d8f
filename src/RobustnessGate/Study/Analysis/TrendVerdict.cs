namespace RobustnessGate.Study.Analysis;

/// <summary>Whether the larger models of a series (deeper or wider) are more robust.</summary>
public enum TrendVerdict
{
    /// <summary>The data do not decide (see <see cref="SeriesTrend.Reason"/>).</summary>
    Inconclusive,

    /// <summary>Larger is more robust.</summary>
    LargerIsMoreRobust,

    /// <summary>Larger is less robust.</summary>
    LargerIsLessRobust,
}
