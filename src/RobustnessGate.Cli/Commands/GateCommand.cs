using System.Globalization;
using RobustnessGate.Gate;
using RobustnessGate.Reporting;

namespace RobustnessGate.Cli.Commands;

/// <summary>robustness-gate gate: runs every check of a thresholds file, prints the verdicts, writes the summary, exit 3 on any failure.</summary>
internal static class GateCommand
{
    /// <summary>Exit code when any check fails or is inconclusive (Stryker's "threshold broken" is its own code too).</summary>
    public const int GateFailed = 3;

    public const string Help = """
        robustness-gate gate [--thresholds <file>] [--check <id>] [--summary <file>] [--snapshots <dir>] [--no-cache] [--recreate]

          Runs the checks of a thresholds file exactly as the xUnit theory does: evaluates (or serves from the result
          cache), places each model against its frontier, compares with the approved snapshot, and judges.
          --thresholds  the thresholds file (default thresholds/gate.json)
          --check       run only this check
          --summary     Markdown summary file (default gate-summary.md beside the thresholds file); it is also appended to
                        $GITHUB_STEP_SUMMARY when that is set
          --snapshots   approved/received snapshot folder (default: approved/ beside the thresholds file)
          --no-cache    evaluate every check, neither reading nor writing the cache
          --recreate    evaluate every check and overwrite its cache entry
          Under CI (CI, GITHUB_ACTIONS, TF_BUILD, GITLAB_CI, BUILDKITE, JENKINS_URL, TEAMCITY_VERSION or ROBUSTNESSGATE_CI)
          nothing is approved, and a check without an approved snapshot fails.

        exit codes: 0 every check passes, 3 a check fails or is inconclusive, 1 an error (bad file, model, data or
        frontier of another protocol), 2 wrong usage
        """;

    public static int Run(CommandLine cl)
    {
        var thresholds = cl.String("thresholds") ?? Path.Combine("thresholds", "gate.json");
        var only = cl.String("check");
        var summary = cl.String("summary");
        var snapshots = cl.String("snapshots");
        bool noCache = cl.Flag("no-cache");
        bool recreate = cl.Flag("recreate");
        cl.EnsureEmpty("gate");
        if (noCache && recreate)
            throw new UsageException("--no-cache and --recreate exclude each other");

        var file = ThresholdFile.Load(thresholds);
        var options = GateDefaults.Options(file, snapshots, noCache, recreate);
        using var session = new GateSession(file, options);
        var ids = only is null ? file.Checks.Select(c => c.Id).ToList() : [only];
        foreach (var id in ids)
        {
            var r = session.Run(id);
            Console.WriteLine(r.Message + (r.Cached ? "  (cached)" : ""));
        }
        foreach (var note in session.CacheNotes)
            Console.WriteLine("cache: " + note);
        var report = session.Report();
        summary ??= Path.Combine(file.Directory, "gate-summary.md");
        foreach (var path in GateSummary.Write(report, summary))
            Console.WriteLine($"summary      {path}");
        var pending = session.Snapshots.Pending();
        if (pending.Count > 0)
            Console.WriteLine($"received     {pending.Count} snapshot(s) differ from their approved baseline: review with 'robustness-gate approve' in {session.Snapshots.Directory}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gate         {report.Verdict.ToString().ToLowerInvariant()}: {report.Checks.Count(c => c.Verdict == Verdict.Pass)} of {report.Checks.Count} checks pass, {report.CacheHits} from the cache"));
        return report.Verdict == Verdict.Pass ? 0 : GateFailed;
    }
}
