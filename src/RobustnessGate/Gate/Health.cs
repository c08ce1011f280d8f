namespace RobustnessGate.Gate;

/// <summary>How a metric sits in its bands, for display only (Stryker's vocabulary); the verdict is separate.</summary>
public enum Health
{
    /// <summary>At or beyond the 'high' band.</summary>
    Good,

    /// <summary>Between 'low' and 'high'.</summary>
    Warning,

    /// <summary>Between 'break' and 'low'.</summary>
    Danger,
}
