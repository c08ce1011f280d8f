using System.Globalization;

namespace RobustnessGate.Attacks;

/// <summary>
/// Attack options as given on the command line (name without dashes -> text). Each read marks the option used;
/// <see cref="EnsureAllUsed"/> then rejects options the attack does not know, naming the ones it does.
/// </summary>
public sealed class AttackArguments
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<string> _known = [];

    /// <summary>Creates the set.</summary>
    public AttackArguments(IReadOnlyDictionary<string, string>? values = null)
    {
        _values = new Dictionary<string, string>(values ?? new Dictionary<string, string>(), StringComparer.Ordinal);
    }

    /// <summary>Reads a number in [min, max].</summary>
    public double Double(string name, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        Mark(name);
        if (!_values.TryGetValue(name, out var text))
            return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || double.IsNaN(v))
            throw new AttackOptionException($"option --{name}: '{text}' is not a number");
        if (v < min || v > max)
            throw new AttackOptionException($"option --{name}: {text} is outside [{Fmt(min)}, {Fmt(max)}]");
        return v;
    }

    /// <summary>Reads an integer in [min, max].</summary>
    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        Mark(name);
        if (!_values.TryGetValue(name, out var text))
            return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw new AttackOptionException($"option --{name}: '{text}' is not a whole number");
        if (v < min || v > max)
            throw new AttackOptionException($"option --{name}: {text} is outside [{min}, {max}]");
        return v;
    }

    /// <summary>Reads true/false.</summary>
    public bool Bool(string name, bool fallback)
    {
        Mark(name);
        if (!_values.TryGetValue(name, out var text))
            return fallback;
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "1" or "on" => true,
            "false" or "no" or "0" or "off" => false,
            _ => throw new AttackOptionException($"option --{name}: '{text}' is not true or false"),
        };
    }

    /// <summary>Reads one of the given names (case-insensitive; '-' and '_' ignored).</summary>
    public T Choice<T>(string name, T fallback, params (string Text, T Value)[] choices)
    {
        Mark(name);
        if (!_values.TryGetValue(name, out var text))
            return fallback;
        foreach (var (t, v) in choices)
        {
            if (string.Equals(Canon(t), Canon(text), StringComparison.Ordinal))
                return v;
        }
        throw new AttackOptionException($"option --{name}: '{text}' is not one of {string.Join(", ", choices.Select(c => c.Text))}");
    }

    /// <summary>Throws when an option was given that no read asked for.</summary>
    public void EnsureAllUsed(string attack)
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new AttackOptionException(
                $"attack '{attack}' does not take {string.Join(", ", unknown.Select(u => "--" + u))}; its options are {string.Join(", ", _known.Select(k => "--" + k))}");
        }
    }

    private void Mark(string name)
    {
        _used.Add(name);
        if (!_known.Contains(name))
            _known.Add(name);
    }

    private static string Canon(string s) => s.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static string Fmt(double v) => double.IsInfinity(v) ? (v > 0 ? "inf" : "-inf") : v.ToString("R", CultureInfo.InvariantCulture);
}
