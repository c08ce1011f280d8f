namespace RobustnessGate.Study.Sharding;

/// <summary>
/// Splits units into n shards of about equal estimated cost: greedy longest-processing-time first (units by decreasing
/// cost, each to the shard with the least cost so far), ties broken by unit id (ordinal) and by the lower shard number,
/// so every machine computes the same split. The slowest shard is at most 4/3 of the optimum (Graham 1969).
/// </summary>
public static class ShardAssignment
{
    /// <summary>The units of each shard (index 0 is shard 1), each list in the units' original order.</summary>
    public static IReadOnlyList<IReadOnlyList<StudyUnit>> Assign(IReadOnlyList<StudyUnit> units, int shards)
    {
        ArgumentNullException.ThrowIfNull(units);
        if (shards < 1)
            throw new ArgumentException($"shard count: expected a whole number >= 1, found {shards}");
        var load = new double[shards];
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var u in LongestFirst(units))
        {
            int best = 0;
            for (int s = 1; s < shards; s++)
            {
                if (load[s] < load[best])
                    best = s;
            }
            load[best] += u.Cost;
            if (!owner.TryAdd(u.Id, best))
                throw new ArgumentException($"unit '{u.Id}' appears twice");
        }
        return Enumerable.Range(0, shards).Select(s => (IReadOnlyList<StudyUnit>)units.Where(u => owner[u.Id] == s).ToList()).ToList();
    }

    /// <summary>The order in which units are handed out, to shards here and to a machine's workers: decreasing cost, ties by id (ordinal).</summary>
    public static IReadOnlyList<StudyUnit> LongestFirst(IEnumerable<StudyUnit> units) =>
        units.OrderByDescending(u => u.Cost).ThenBy(u => u.Id, StringComparer.Ordinal).ToList();

    /// <summary>Parses "k/n" (1 &lt;= k &lt;= n); the error, prefixed with <paramref name="name"/>, names the text and what was expected.</summary>
    public static (int K, int N) Parse(string text, string name = "shard")
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n >= 1 && k >= 1 && k <= n)
            return (k, n);
        throw new ArgumentException($"{name}: expected k/n with 1 <= k <= n (e.g. 2/3), found '{text}'");
    }
}
