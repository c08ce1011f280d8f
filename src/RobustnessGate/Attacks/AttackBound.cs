namespace RobustnessGate.Attacks;

/// <summary>The perturbation budget of a bounded attack: every returned example satisfies ||x' - x||_norm &lt;= epsilon.</summary>
/// <param name="Norm">The norm.</param>
/// <param name="Epsilon">The radius.</param>
public sealed record AttackBound(Norm Norm, double Epsilon);
