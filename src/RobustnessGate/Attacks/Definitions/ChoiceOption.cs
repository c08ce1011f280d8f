using System.Text.Json;

namespace RobustnessGate.Attacks.Definitions;

/// <summary>An option that takes one of a few named values (names compare case-insensitively, '-' and '_' ignored).</summary>
/// <typeparam name="TOptions">The attack's options record.</typeparam>
/// <typeparam name="TValue">The value type (an enum).</typeparam>
public sealed class ChoiceOption<TOptions, TValue> : AttackOption<TOptions, TValue>
    where TOptions : class
    where TValue : struct, Enum
{
    private readonly (string Name, TValue Value)[] _choices;
    private readonly (string Alias, TValue Value)[] _aliases;

    /// <summary>Creates the option.</summary>
    /// <param name="name">camelCase name.</param>
    /// <param name="description">What it does.</param>
    /// <param name="choices">The names and values; the first name of a value is the one written in results.</param>
    /// <param name="get">Reads the value from the record.</param>
    /// <param name="set">Writes the value into a copy of the record.</param>
    /// <param name="aliases">Other accepted spellings.</param>
    public ChoiceOption(string name, string description, (string Name, TValue Value)[] choices, Func<TOptions, TValue> get,
        Func<TOptions, TValue, TOptions> set, (string Alias, TValue Value)[]? aliases = null)
        : base(name, description, null, get, set)
    {
        ArgumentNullException.ThrowIfNull(choices);
        _choices = choices;
        _aliases = aliases ?? [];
    }

    /// <summary>The accepted names, in order.</summary>
    public IReadOnlyList<string> Names => _choices.Select(c => c.Name).ToArray();

    /// <inheritdoc/>
    public override string Kind => "choice";

    /// <inheritdoc/>
    public override string Domain => string.Join(" | ", Names);

    /// <summary>The name of <paramref name="value"/>.</summary>
    public string NameOf(TValue value)
    {
        foreach (var (n, v) in _choices)
        {
            if (EqualityComparer<TValue>.Default.Equals(v, value))
                return n;
        }
        throw new ArgumentOutOfRangeException(nameof(value), value, $"option '{Name}' has no name for this value");
    }

    private protected override TValue ParseValue(string text)
    {
        foreach (var (n, v) in _choices.Concat(_aliases))
        {
            if (string.Equals(Canon(n), Canon(text), StringComparison.Ordinal))
                return v;
        }
        throw new FormatException($"expected one of {string.Join(", ", Names)}, found '{text}'");
    }

    private protected override TValue ReadValue(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? ParseValue(value.GetString()!)
            : throw new FormatException($"expected one of {string.Join(", ", Names)}, found {Describe.Json(value)}");

    private protected override string? CheckValue(TValue value) =>
        _choices.Any(c => EqualityComparer<TValue>.Default.Equals(c.Value, value)) ? null : $"expected one of {string.Join(", ", Names)}, found {value}";

    private protected override object Plain(TValue value) => NameOf(value);
}
