namespace RobustnessGate.Gate.Caching;

/// <summary>What <see cref="ResultCache.TryGet"/> found for a key.</summary>
public enum CacheOutcome
{
    /// <summary>A valid entry for exactly this key: its result can be used instead of evaluating.</summary>
    Hit,

    /// <summary>No entry: evaluate and store the result.</summary>
    Absent,

    /// <summary>An entry that cannot be read as one: not JSON, truncated, a field missing or of the wrong kind, or a result that does not match the entry's key.</summary>
    Corrupt,

    /// <summary>A well-formed entry for another key (another engine version, an entry format this tool does not read, or a hash collision).</summary>
    Foreign,
}
