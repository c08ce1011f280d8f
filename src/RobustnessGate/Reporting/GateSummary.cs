using System.Globalization;
using System.Text;
using RobustnessGate.Gate;

namespace RobustnessGate.Reporting;

/// <summary>
/// The gate's Markdown summary for reviewers (a GitHub job summary, or a file beside the test results): one row per held
/// metric of every check with value, baseline, delta, band, frontier position, verdict and whether it came from the cache.
/// </summary>
public static class GateSummary
{
    /// <summary>The environment variable GitHub Actions reads a job summary from.</summary>
    public const string GitHubStepSummary = "GITHUB_STEP_SUMMARY";

    /// <summary>The Markdown text of <paramref name="report"/>.</summary>
    public static string Markdown(GateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        int pass = report.Checks.Count(x => x.Verdict == Verdict.Pass);
        sb.Append(c, $"## Robustness gate: {Word(report.Verdict)}\n\n");
        sb.Append(c, $"{pass} of {report.Checks.Count} checks pass, {report.CacheHits} served from the cache. Thresholds: `{Path.GetFileName(report.ThresholdsFile)}`; engine {report.Engine.Name} {report.Engine.Version}, TorchSharp {report.Engine.TorchSharp}, {report.Engine.Threads} threads.\n\n");
        sb.Append("| check | model | attack | target | metric | value | baseline | delta | band | frontier | verdict | cached |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in report.Checks)
        {
            var held = r.Metrics.Where(m => m.Held).ToList();
            bool first = true;
            foreach (var m in held)
            {
                sb.Append("| ").Append(first ? r.Check.Id : "").Append(" | ").Append(first ? r.Check.Model.DisplayName : "")
                  .Append(" | ").Append(first ? $"{r.Check.Attack.Name} ({r.Check.Attack.Preset})" : "").Append(" | ").Append(first ? r.Result.Target : "")
                  .Append(" | ").Append(m.Metric).Append(" | ").Append(G(m.Value)).Append(" | ").Append(G(m.Baseline))
                  .Append(" | ").Append(m.Delta is { } d ? d.ToString("+0.####;-0.####;0", c) : "").Append(" | ").Append(Band(m))
                  .Append(" | ").Append(first ? Frontier(r.Frontier) : "").Append(" | ").Append(first ? Word(r.Verdict) : m.Verdict == Verdict.Pass ? "" : Word(m.Verdict))
                  .Append(" | ").Append(first ? (r.Cached ? "yes" : "no") : "").Append(" |\n");
                first = false;
            }
        }
        var failing = report.Checks.Where(x => x.Verdict != Verdict.Pass).ToList();
        if (failing.Count > 0)
        {
            sb.Append("\n### Why\n\n");
            foreach (var r in failing)
                sb.Append("- **").Append(r.Check.Id).Append("** (").Append(Word(r.Verdict)).Append("): ").Append(r.Reason.Replace("\n", "; ", StringComparison.Ordinal)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// Writes the summary: appended to $GITHUB_STEP_SUMMARY when set (as GitHub expects), and always to
    /// <paramref name="fallbackPath"/> when given. Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> Write(GateReport report, string? fallbackPath, Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var text = Markdown(report);
        var written = new List<string>();
        if (getVariable(GitHubStepSummary) is { Length: > 0 } step)
        {
            File.AppendAllText(step, text + "\n");
            written.Add(step);
        }
        if (fallbackPath is not null)
        {
            Persistence.AtomicFile.WriteAllText(fallbackPath, text);
            written.Add(fallbackPath);
        }
        return written;
    }

    private static string Word(Verdict v) => v switch { Verdict.Pass => "pass", Verdict.Fail => "**fail**", _ => "**inconclusive**" };

    private static string Band(MetricOutcome m) => m.Health switch
    {
        null => "",
        Health.Good => m.Bands == MetricBands.None ? "" : "good",
        Health.Warning => "warning",
        _ => m.Bands.Breaks(m.Value ?? 0, m.Direction) ? "break" : "danger",
    };

    private static string Frontier(FrontierOutcome? f) => f is null ? "" : f.RelativeGap is { } g && f.Position == "behind"
        ? string.Create(CultureInfo.InvariantCulture, $"behind {-100 * g:0.0} %")
        : f.Position;

    private static string G(double? v) => v is { } d ? d.ToString("G5", CultureInfo.InvariantCulture) : "";
}
