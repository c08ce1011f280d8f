using System.Diagnostics.CodeAnalysis;
using RobustnessGate.Evaluation;

namespace RobustnessGate.Gate.Caching;

/// <summary>The answer of <see cref="ResultCache.TryGet"/>: a hit with its result, or a miss with its reason.</summary>
public sealed class CacheLookup
{
    private CacheLookup(CacheOutcome outcome, string path, EvaluationResult? result, string? message)
    {
        Outcome = outcome;
        Path = path;
        Result = result;
        Message = message;
    }

    /// <summary>Hit, or the reason of the miss.</summary>
    public CacheOutcome Outcome { get; }

    /// <summary>The entry's file.</summary>
    public string Path { get; }

    /// <summary>The stored result on a hit; null otherwise.</summary>
    public EvaluationResult? Result { get; }

    /// <summary>
    /// For <see cref="CacheOutcome.Corrupt"/> and <see cref="CacheOutcome.Foreign"/>, the entries worth reporting: a
    /// sentence naming the file and what was wrong with it. Null on a hit or when there is no entry.
    /// </summary>
    public string? Message { get; }

    /// <summary>True when <see cref="Result"/> can be used instead of evaluating.</summary>
    [MemberNotNullWhen(true, nameof(Result))]
    public bool IsHit => Outcome == CacheOutcome.Hit;

    /// <inheritdoc/>
    public override string ToString() => Message ?? $"{Path}: {(IsHit ? "hit" : "no entry")}";

    internal static CacheLookup Hit(string path, EvaluationResult result) => new(CacheOutcome.Hit, path, result, null);

    internal static CacheLookup Absent(string path) => new(CacheOutcome.Absent, path, null, null);

    internal static CacheLookup Corrupt(string path, string problem) =>
        new(CacheOutcome.Corrupt, path, null, $"{path}: corrupt result cache entry: {problem}");

    internal static CacheLookup Foreign(string path, string problem) =>
        new(CacheOutcome.Foreign, path, null, $"{path}: result cache entry for another key: {problem}");
}
