namespace RobustnessGate.Attacks;

/// <summary>What an attack aims for (Su et al. section 4: untargeted, and the three target types).</summary>
public enum TargetMode
{
    /// <summary>Any class but the true label.</summary>
    Untargeted,

    /// <summary>A seeded random class, never the true label; fixed per image index, so the same across models.</summary>
    Random,

    /// <summary>The class with the lowest clean logit.</summary>
    LeastLikely,

    /// <summary>The class with the second-highest clean logit.</summary>
    Top2,
}
