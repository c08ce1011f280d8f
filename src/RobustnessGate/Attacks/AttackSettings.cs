using System.Globalization;
using System.Text.Json;
using RobustnessGate.Attacks.Definitions;

namespace RobustnessGate.Attacks;

/// <summary>
/// An attack fully configured: its definition, the preset it started from and every effective option value. Its
/// <see cref="Parameters"/> are what result files record, and with the preset they key the study's cells and the gate's cache.
/// </summary>
public sealed class AttackSettings
{
    internal AttackSettings(AttackDefinition definition, string preset, object options, IReadOnlyDictionary<string, object> parameters)
    {
        Definition = definition;
        Preset = preset;
        Options = options;
        Parameters = parameters;
    }

    /// <summary>The attack's definition.</summary>
    public AttackDefinition Definition { get; }

    /// <summary>The attack's name.</summary>
    public string Name => Definition.Name;

    /// <summary>"strong", "paper", or "custom" for options built in code that match no preset.</summary>
    public string Preset { get; }

    /// <summary>The options record.</summary>
    public object Options { get; }

    /// <summary>Every option's effective value (int, double, bool or choice name), in the definition's order.</summary>
    public IReadOnlyDictionary<string, object> Parameters { get; }

    /// <summary>One line that changes whenever an effective setting does: name, preset and every parameter.</summary>
    public string Key => Canonical(Name, Preset, Parameters);

    /// <summary>Creates the attack.</summary>
    public IAttack Create() => Definition.Create(this);

    /// <summary>The canonical text of stored parameters (as read back from JSON) or of live ones: keys sorted, values as JSON.</summary>
    public static string Canonical(string attack, string? preset, IReadOnlyDictionary<string, object> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return attack + "|" + (preset ?? "") + "|" + string.Join(";", parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + Value(p.Value)));
    }

    /// <inheritdoc/>
    public override string ToString() => Name + " (" + Preset + ": " + string.Join(", ", Parameters.Select(p => p.Key + " " + Value(p.Value))) + ")";

    private static string Value(object value) => value switch
    {
        JsonElement e => e.ValueKind switch
        {
            JsonValueKind.Number => e.GetDouble().ToString("R", CultureInfo.InvariantCulture),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.String => e.GetString() ?? "",
            _ => e.GetRawText(),
        },
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => ((double)i).ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
