namespace RobustnessGate.Study.Analysis;

/// <summary>Where a model lies relative to a Pareto frontier.</summary>
public enum FrontierPosition
{
    /// <summary>Less robust than the frontier at its accuracy (gap &lt; 0).</summary>
    Below,

    /// <summary>On the frontier or above it (gap &gt;= 0).</summary>
    OnOrAbove,

    /// <summary>More accurate than every frontier model: nothing to compare with, the model extends the frontier.</summary>
    BeyondMostAccurate,
}
