using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RobustnessGate.Attacks.Definitions;

/// <summary>
/// One option of an attack: its name, documentation, unit and domain, how to read it from command-line text or JSON, and how
/// to get and set it on the attack's options record. Every front end (command line, threshold files, study budgets, result
/// files, cache keys, snapshots, help and README) derives from these objects; none repeats them.
/// </summary>
public abstract class AttackOption
{
    private protected AttackOption(string name, string description, string? unit)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(description);
        Name = name;
        CliName = Kebab(name);
        Description = description;
        Unit = unit;
    }

    /// <summary>The name in files and results (camelCase, e.g. "binarySteps").</summary>
    public string Name { get; }

    /// <summary>The name on the command line (kebab-case, e.g. "binary-steps").</summary>
    public string CliName { get; }

    /// <summary>What the option does.</summary>
    public string Description { get; }

    /// <summary>The unit of the value (e.g. "[0, 1] pixel units"), or null when it has none.</summary>
    public string? Unit { get; }

    /// <summary>"integer", "number", "boolean" or "choice".</summary>
    public abstract string Kind { get; }

    /// <summary>The accepted values, e.g. "1 to 100", "> 0", "linf | l2".</summary>
    public abstract string Domain { get; }

    /// <summary>True when <paramref name="name"/> names this option (camelCase or kebab-case, any letter case).</summary>
    public bool Matches(string name) => string.Equals(Canon(name), Canon(Name), StringComparison.Ordinal);

    /// <summary>Reads a value from text; throws <see cref="FormatException"/> whose message says what was expected.</summary>
    public abstract object Parse(string text);

    /// <summary>Reads a value from JSON; throws <see cref="FormatException"/> whose message says what was expected.</summary>
    public abstract object Read(JsonElement value);

    /// <summary>Null when <paramref name="value"/> lies in the domain, otherwise what is wrong with it.</summary>
    public abstract string? Check(object value);

    /// <summary>The option's value in an options record.</summary>
    public abstract object Get(object options);

    /// <summary>A copy of the options record with this option set to <paramref name="value"/>.</summary>
    public abstract object Set(object options, object value);

    /// <summary>The value as written in results and files: int, double, bool or the choice's name.</summary>
    public abstract object ToPlain(object value);

    /// <summary>The value as culture-invariant text (the way the command line writes it).</summary>
    public string Format(object value) => ToPlain(value) switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var o => o.ToString() ?? "",
    };

    private protected static string Canon(string s) =>
        s.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static string Kebab(string camel)
    {
        var sb = new StringBuilder();
        foreach (var ch in camel)
        {
            if (char.IsUpper(ch))
                sb.Append('-').Append(char.ToLowerInvariant(ch));
            else
                sb.Append(ch);
        }
        return sb.ToString();
    }
}
