using RobustnessGate.Evaluation;

namespace RobustnessGate.Gate;

/// <summary>
/// The approved baseline of a check (approved/&lt;id&gt;.approved.json beside the thresholds file): what was measured and how, the exact value of
/// every gate metric, and the verdict. No times or paths, so it changes only when the measurement does. Compared with the
/// same tolerances as the verdict, so last-bit differences between machines never fail it.
/// </summary>
public sealed record GateSnapshot
{
    /// <summary>Version of this format.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Format version.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The check.</summary>
    public required string Check { get; init; }

    /// <summary>Model name and fingerprint.</summary>
    public required ModelInfo Model { get; init; }

    /// <summary>Data set name, count and fingerprint.</summary>
    public required DatasetInfo Dataset { get; init; }

    /// <summary>Attack name, preset and every parameter.</summary>
    public required AttackInfo Attack { get; init; }

    /// <summary>Target mode.</summary>
    public required string Target { get; init; }

    /// <summary>Seed.</summary>
    public required long Seed { get; init; }

    /// <summary>Images attacked.</summary>
    public required int Attacked { get; init; }

    /// <summary>Images fooled.</summary>
    public required int Succeeded { get; init; }

    /// <summary>Every gate metric's exact value (null: undefined), in <see cref="GateMetrics.All"/> order.</summary>
    public required IReadOnlyDictionary<string, double?> Metrics { get; init; }

    /// <summary>The verdict of the run the snapshot came from ("pass", "fail", "inconclusive").</summary>
    public required string Verdict { get; init; }

    /// <summary>The snapshot of a result.</summary>
    public static GateSnapshot Of(string check, EvaluationResult result, Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(result);
        var metrics = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var m in GateMetrics.All)
            metrics[m.Name] = m.Read(result) is { } v && double.IsFinite(v) ? v : null;
        return new GateSnapshot
        {
            Check = check,
            Model = result.Model,
            Dataset = result.Dataset,
            Attack = result.Attack,
            Target = result.Target,
            Seed = result.Seed,
            Attacked = result.Attacked,
            Succeeded = result.Succeeded,
            Metrics = metrics,
            Verdict = verdict.ToString().ToLowerInvariant(),
        };
    }
}
