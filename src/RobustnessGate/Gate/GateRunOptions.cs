namespace RobustnessGate.Gate;

/// <summary>How a gate run treats baselines and the cache.</summary>
/// <param name="SnapshotDirectory">Where approved and received snapshots live.</param>
/// <param name="CacheDirectory">The result cache folder, or null to run without a cache.</param>
/// <param name="Recreate">Recompute every check and overwrite its cache entry.</param>
/// <param name="CiVariable">The variable that says this is a CI run (nothing is approved there), or null.</param>
public sealed record GateRunOptions(string SnapshotDirectory, string? CacheDirectory = null, bool Recreate = false, string? CiVariable = null);
