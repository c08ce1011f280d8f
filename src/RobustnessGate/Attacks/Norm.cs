namespace RobustnessGate.Attacks;

/// <summary>A distortion norm.</summary>
public enum Norm
{
    /// <summary>Number of changed elements.</summary>
    L0,

    /// <summary>Sum of absolute changes.</summary>
    L1,

    /// <summary>Euclidean length of the change.</summary>
    L2,

    /// <summary>Largest absolute change.</summary>
    Linf,
}
