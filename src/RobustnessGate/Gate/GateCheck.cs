using RobustnessGate.Attacks;

namespace RobustnessGate.Gate;

/// <summary>One robustness requirement: a model, an attack with its options, a target mode, images, and metric bounds.</summary>
/// <param name="Id">Stable identifier (names snapshots and messages).</param>
/// <param name="Model">Built-in model name or TorchScript path (relative paths resolve against the threshold file's folder).</param>
/// <param name="Attack">The attack with its preset and every effective option, bound to its definition.</param>
/// <param name="Target">Target mode name.</param>
/// <param name="Count">Number of test images (the first N).</param>
/// <param name="Seed">Seed.</param>
/// <param name="Bounds">Metric bounds.</param>
public sealed record GateCheck(string Id, string Model, AttackSettings Attack, string Target,
    int Count, long Seed, IReadOnlyList<MetricBound> Bounds);
