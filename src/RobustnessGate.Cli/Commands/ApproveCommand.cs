using System.Globalization;
using RobustnessGate.Gate;

namespace RobustnessGate.Cli.Commands;

/// <summary>robustness-gate approve: shows each received-versus-approved metric difference and accepts it as the new baseline.</summary>
internal static class ApproveCommand
{
    public const string Help = """
        robustness-gate approve [--thresholds <file>] [--snapshots <dir>] [--check <id> | --all]

          Lists every check whose last gate run left a received snapshot, with each metric's approved and received value.
          --check <id> accepts that check's received snapshot as its approved baseline; --all accepts every one. Without
          either, nothing is changed. Refused under CI. A drop in robustness is a finding to investigate, not a baseline to
          approve: approve only changes you intend (a retrained model, a new check).
        """;

    public static int Run(CommandLine cl)
    {
        var thresholds = cl.String("thresholds") ?? Path.Combine("thresholds", "gate.json");
        var snapshots = cl.String("snapshots");
        var only = cl.String("check");
        bool all = cl.Flag("all");
        cl.EnsureEmpty("approve");
        if (only is not null && all)
            throw new UsageException("--check and --all exclude each other");
        var file = ThresholdFile.Load(thresholds);
        var store = new SnapshotStore(snapshots ?? GateDefaults.SnapshotDirectory(file));
        var pending = store.Pending();
        if (only is not null && !pending.Contains(only))
            throw new UsageException($"option --check: no received snapshot for '{only}'; pending: {(pending.Count == 0 ? "none" : string.Join(", ", pending))}");
        if (pending.Count == 0)
        {
            Console.WriteLine($"nothing to approve in {store.Directory}");
            return 0;
        }
        foreach (var id in only is null ? pending : [only])
        {
            Console.WriteLine(Diff(id, store.ReadApproved(id), store.ReadReceived(id)!));
            if (all || only is not null)
            {
                store.Approve(id);
                Console.WriteLine($"approved     {store.ApprovedPath(id)}");
            }
        }
        if (!all && only is null)
            Console.WriteLine("nothing changed: accept with --check <id> or --all");
        return 0;
    }

    private static string Diff(string id, GateSnapshot? approved, GateSnapshot received)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string> { approved is null ? $"{id}: new (no approved baseline)" : $"{id}:" };
        if (approved is not null && approved.Model.Sha256 != received.Model.Sha256)
            lines.Add($"  model sha256 {approved.Model.Sha256[..12]} -> {received.Model.Sha256[..12]}");
        foreach (var (name, value) in received.Metrics)
        {
            double? before = approved is not null && approved.Metrics.TryGetValue(name, out var b) ? b : null;
            if (approved is not null && before == value)
                continue;
            var delta = before is { } x && value is { } y ? (y - x).ToString("+0.#####;-0.#####;0", c) : "";
            lines.Add(string.Create(c, $"  {name,-15} {before?.ToString("G6", c) ?? "-",12} -> {value?.ToString("G6", c) ?? "undefined",12}  {delta}"));
        }
        lines.Add($"  verdict {approved?.Verdict ?? "-"} -> {received.Verdict}");
        return string.Join("\n", lines);
    }
}
