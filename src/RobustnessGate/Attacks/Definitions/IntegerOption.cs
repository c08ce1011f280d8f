using System.Globalization;
using System.Text.Json;

namespace RobustnessGate.Attacks.Definitions;

/// <summary>A whole-number option in [<see cref="Min"/>, <see cref="Max"/>].</summary>
/// <typeparam name="TOptions">The attack's options record.</typeparam>
public sealed class IntegerOption<TOptions> : AttackOption<TOptions, int> where TOptions : class
{
    /// <summary>Creates the option.</summary>
    public IntegerOption(string name, string description, int min, int max, Func<TOptions, int> get, Func<TOptions, int, TOptions> set, string? unit = null)
        : base(name, description, unit, get, set)
    {
        if (min > max)
            throw new ArgumentException($"option '{name}': min {min} is above max {max}");
        Min = min;
        Max = max;
    }

    /// <summary>Smallest accepted value.</summary>
    public int Min { get; }

    /// <summary>Largest accepted value.</summary>
    public int Max { get; }

    /// <inheritdoc/>
    public override string Kind => "integer";

    /// <inheritdoc/>
    public override string Domain => string.Create(CultureInfo.InvariantCulture, $"{Min} to {Max}");

    private protected override int ParseValue(string text) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
            : throw new FormatException($"expected a whole number from {Min} to {Max}, found '{text}'");

    private protected override int ReadValue(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var v) ? v
            : throw new FormatException($"expected a whole number from {Min} to {Max}, found {Describe.Json(value)}");

    private protected override string? CheckValue(int value) =>
        value < Min || value > Max ? string.Create(CultureInfo.InvariantCulture, $"expected a whole number from {Min} to {Max}, found {value}") : null;
}
