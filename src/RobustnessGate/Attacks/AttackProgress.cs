namespace RobustnessGate.Attacks;

/// <summary>Progress inside an attack on one batch.</summary>
/// <param name="Done">Work units finished (iterations, search steps...).</param>
/// <param name="Total">Work units in all.</param>
/// <param name="Stage">What is running, for display.</param>
public readonly record struct AttackProgress(long Done, long Total, string Stage);
