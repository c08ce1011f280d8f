namespace RobustnessGate.Gate;

/// <summary>Which way a metric improves.</summary>
public enum MetricDirection
{
    /// <summary>Higher values mean a more robust (or more accurate) model: accuracies, distortions.</summary>
    HigherIsBetter,

    /// <summary>Lower values mean a more robust model: the attack's success rate.</summary>
    LowerIsBetter,
}
