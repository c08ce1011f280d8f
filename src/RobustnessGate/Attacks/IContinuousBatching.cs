namespace RobustnessGate.Attacks;

/// <summary>
/// Marks an attack that schedules its own rows (<see cref="RowQueue"/>): given an <see cref="AttackBatch"/> with more
/// examples than <see cref="AttackBatch.Rows"/>, it keeps every row busy by refilling finished rows from the pending
/// examples, with per-example results that do not depend on the rows (beyond float round-off of batch-shaped kernels).
/// The Evaluator hands such attacks several batches' worth of examples at once.
/// </summary>
public interface IContinuousBatching : IAttack
{
}
