using RobustnessGate.Gate;

namespace RobustnessGate.Cli.Commands;

/// <summary>Where the gate command looks for snapshots and its cache by default.</summary>
internal static class GateDefaults
{
    public static string SnapshotDirectory(ThresholdFile file) => Path.Combine(file.Directory, "approved");

    public static GateRunOptions Options(ThresholdFile file, string? snapshots, bool noCache, bool recreate) =>
        new(snapshots ?? SnapshotDirectory(file), noCache ? null : RobustnessGate.Gate.Caching.ResultCache.DefaultDirectory(file.Path), recreate, CiEnvironment.Detect());
}
