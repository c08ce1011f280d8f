using System.Text.Json;

namespace RobustnessGate.Attacks.Definitions;

/// <summary>A true/false option.</summary>
/// <typeparam name="TOptions">The attack's options record.</typeparam>
public sealed class BooleanOption<TOptions> : AttackOption<TOptions, bool> where TOptions : class
{
    /// <summary>Creates the option.</summary>
    public BooleanOption(string name, string description, Func<TOptions, bool> get, Func<TOptions, bool, TOptions> set)
        : base(name, description, null, get, set)
    {
    }

    /// <inheritdoc/>
    public override string Kind => "boolean";

    /// <inheritdoc/>
    public override string Domain => "true | false";

    private protected override bool ParseValue(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "1" or "on" => true,
        "false" or "no" or "0" or "off" => false,
        _ => throw new FormatException($"expected true or false, found '{text}'"),
    };

    private protected override bool ReadValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"expected true or false, found {Describe.Json(value)}"),
    };

    private protected override string? CheckValue(bool value) => null;
}
