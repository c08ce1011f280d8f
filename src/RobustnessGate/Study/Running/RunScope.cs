namespace RobustnessGate.Study.Running;

/// <summary>
/// Which cells a <see cref="StudyRunner"/> run touches and what it may do with them: all cells (a normal run), only
/// some (a shard, <see cref="Includes"/>), or only reuse (a merge of shards, <see cref="MustReuse"/>).
/// </summary>
internal sealed class RunScope
{
    /// <summary>The normal run: every cell, computed when not reusable.</summary>
    public static RunScope Everything { get; } = new();

    /// <summary>The cells to run by <see cref="StudyUnitIds"/> id; null: all, and the run ends with the replay and study.json.</summary>
    public Func<string, bool>? Includes { get; init; }

    /// <summary>Called with a cell's id and key just before it would be computed; a merge throws here.</summary>
    public Action<string, string>? MustReuse { get; init; }

    /// <summary>Called with every visited cell's id and key (the provenance a shard records).</summary>
    public Action<string, string>? Key { get; init; }

    /// <summary>Models loaded by the caller and kept beyond the run (null: the run loads and disposes its own).</summary>
    public LoadedModels? Models { get; init; }
}
