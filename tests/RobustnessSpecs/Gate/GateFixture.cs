using RobustnessGate.Gate;
using RobustnessGate.Reporting;
using RobustnessGate.Runtime;
using RobustnessSpecs.TestSupport;

namespace RobustnessSpecs.Gate;

/// <summary>
/// One gate session for the repository's thresholds file, shared by the theory's cases: models and data load once, results
/// come from the cache when nothing changed, and when the last case is done the Markdown summary is written beside the
/// thresholds file and to $GITHUB_STEP_SUMMARY when set.
/// </summary>
public sealed class GateFixture : IDisposable
{
    public static readonly string ThresholdPath = Path.Combine(Paths.Thresholds, "gate.json");

    public GateFixture()
    {
        TorchRuntime.Configure();
        var file = ThresholdFile.Load(ThresholdPath);
        Session = new GateSession(file, new GateRunOptions(Path.Combine(file.Directory, "approved"), RobustnessGate.Gate.Caching.ResultCache.DefaultDirectory(file.Path), CiVariable: CiEnvironment.Detect()));
    }

    public GateSession Session { get; }

    public void Dispose()
    {
        var report = Session.Report();
        if (report.Checks.Count > 0)
            GateSummary.Write(report, Path.Combine(Session.File.Directory, "gate-summary.md"));
        Session.Dispose();
    }
}
