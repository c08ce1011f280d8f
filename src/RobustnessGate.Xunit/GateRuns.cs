using System.Collections.Concurrent;
using RobustnessGate.Gate;
using RobustnessGate.Gate.Caching;
using RobustnessGate.Persistence;
using RobustnessGate.Reporting;
using RobustnessGate.Runtime;

namespace RobustnessGate.Xunit;

/// <summary>
/// One gate run per thresholds file and test process, shared by that file's cases: a <see cref="GateSession"/> with the
/// snapshots in <c>approved/</c> beside the file, the default result cache and CI detection (<see cref="CiEnvironment"/>:
/// under CI nothing is approved and a check without a baseline fails). After every case the Markdown summary of the checks
/// run so far is rewritten as <c>gate-summary.md</c> beside the file; when the process ends it is appended once to
/// $GITHUB_STEP_SUMMARY when that is set.
/// </summary>
public sealed class GateRuns
{
    /// <summary>The environment variable that asks a test run to approve received snapshots: <c>all</c>, or check ids separated by commas.</summary>
    public const string ApproveVariable = "ROBUSTNESSGATE_APPROVE";

    private static readonly ConcurrentDictionary<string, Lazy<GateRuns>> Runs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private GateRuns(string thresholdsPath)
    {
        TorchRuntime.Configure();
        var file = ThresholdFile.Load(thresholdsPath);
        Session = new GateSession(file, new GateRunOptions(Path.Combine(file.Directory, "approved"), ResultCache.DefaultDirectory(file.Path), CiVariable: CiEnvironment.Detect()));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => WriteStepSummary();
    }

    /// <summary>The session (checks run so far, snapshots, cache notes).</summary>
    public GateSession Session { get; }

    /// <summary>The shared run of the thresholds file at <paramref name="thresholdsPath"/> (a full path).</summary>
    public static GateRuns For(string thresholdsPath) =>
        Runs.GetOrAdd(Path.GetFullPath(thresholdsPath), p => new Lazy<GateRuns>(() => new GateRuns(p))).Value;

    /// <summary>Runs check <paramref name="id"/>; approves its received snapshot first when <see cref="ApproveVariable"/> asks for it.</summary>
    /// <exception cref="GateConfigurationException">Approval asked for under CI, or the check cannot be run as configured.</exception>
    public CheckResult Run(string id)
    {
        lock (_gate)
        {
            var result = Session.Run(id);
            if (Asked(id, Environment.GetEnvironmentVariable(ApproveVariable)) && Session.Snapshots.ReadReceived(id) is not null)
            {
                Session.Snapshots.Approve(id, Session.Options.CiVariable);
                result = Session.Run(id);
            }
            AtomicFile.WriteAllText(Path.Combine(Session.File.Directory, "gate-summary.md"), GateSummary.Markdown(Session.Report()));
            return result;
        }
    }

    /// <summary>True when <paramref name="setting"/> (the value of <see cref="ApproveVariable"/>) names <paramref name="id"/> or is <c>all</c>.</summary>
    public static bool Asked(string id, string? setting) =>
        !string.IsNullOrWhiteSpace(setting)
        && setting.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(s => s == "all" || s == id);

    private void WriteStepSummary()
    {
        lock (_gate)
        {
            var report = Session.Report();
            if (report.Checks.Count > 0)
                GateSummary.Write(report, null);
        }
    }
}
