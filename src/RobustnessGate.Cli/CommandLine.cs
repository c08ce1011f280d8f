using System.Globalization;

namespace RobustnessGate.Cli;

/// <summary>
/// The options after the command name: "--name value" pairs and "--flag" switches (a flag is an option followed by
/// another option or by nothing). Options are consumed by name; whatever remains is handed to the attack, which rejects
/// names it does not know.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<(string Name, string? Value)> _given = [];

    public CommandLine(IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2)
                throw new UsageException($"unexpected argument '{a}': options look like --name value");
            string name = a[2..];
            string? value = null;
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (i + 1 < args.Count && !(args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2))
            {
                value = args[++i];
            }
            if (!_options.TryAdd(name, value))
                throw new UsageException($"option --{name} is given twice");
            _given.Add((name, value));
        }
    }

    /// <summary>The options as given, in order, without <paramref name="except"/>, as arguments a CommandLine parses again.</summary>
    public IReadOnlyList<string> Given(params string[] except) =>
        _given.Where(o => !except.Contains(o.Name)).Select(o => o.Value is null ? "--" + o.Name : $"--{o.Name}={o.Value}").ToList();

    public bool Has(string name) => _options.ContainsKey(name);

    public string? String(string name)
    {
        if (!_options.Remove(name, out var v))
            return null;
        return v ?? throw new UsageException($"option --{name} needs a value");
    }

    public string Required(string name, string what) =>
        String(name) ?? throw new UsageException($"option --{name} is required ({what})");

    public int? Int(string name, int min = int.MinValue)
    {
        var s = String(name);
        if (s is null)
            return null;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min)
            throw new UsageException($"option --{name}: '{s}' is not a whole number >= {min}");
        return v;
    }

    public long? Long(string name)
    {
        var s = String(name);
        if (s is null)
            return null;
        if (!long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw new UsageException($"option --{name}: '{s}' is not a whole number");
        return v;
    }

    public IReadOnlyList<float>? Floats(string name)
    {
        var s = String(name);
        if (s is null)
            return null;
        var parts = s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new List<float>();
        foreach (var p in parts)
        {
            if (!float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
                throw new UsageException($"option --{name}: '{p}' is not a number (expected comma-separated numbers)");
            values.Add(f);
        }
        return values;
    }

    /// <summary>A switch: present without value, or with true/false.</summary>
    public bool Flag(string name)
    {
        if (!_options.Remove(name, out var v))
            return false;
        return v?.ToLowerInvariant() switch
        {
            null or "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => throw new UsageException($"option --{name}: '{v}' is not true or false"),
        };
    }

    /// <summary>Everything not consumed yet, as name -> value (for the attack).</summary>
    public IReadOnlyDictionary<string, string> Remaining()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in _options)
            result[k] = v ?? "true";
        _options.Clear();
        return result;
    }

    public void EnsureEmpty(string command)
    {
        if (_options.Count > 0)
            throw new UsageException($"'{command}' does not take {string.Join(", ", _options.Keys.Select(k => "--" + k))}");
    }
}
