using System.Globalization;
using System.Text.Json;

namespace RobustnessGate.Attacks.Definitions;

/// <summary>A finite real option, bounded below (inclusively or not) and above.</summary>
/// <typeparam name="TOptions">The attack's options record.</typeparam>
public sealed class NumberOption<TOptions> : AttackOption<TOptions, double> where TOptions : class
{
    /// <summary>Creates the option.</summary>
    /// <param name="name">camelCase name.</param>
    /// <param name="description">What it does.</param>
    /// <param name="min">Lower bound.</param>
    /// <param name="minExclusive">True when the value must be strictly above <paramref name="min"/>.</param>
    /// <param name="max">Upper bound (inclusive).</param>
    /// <param name="get">Reads the value from the record.</param>
    /// <param name="set">Writes the value into a copy of the record.</param>
    /// <param name="unit">Unit, or null.</param>
    public NumberOption(string name, string description, double min, bool minExclusive, double max, Func<TOptions, double> get,
        Func<TOptions, double, TOptions> set, string? unit = null)
        : base(name, description, unit, get, set)
    {
        Min = min;
        MinExclusive = minExclusive;
        Max = max;
    }

    /// <summary>Lower bound.</summary>
    public double Min { get; }

    /// <summary>True when the value must be strictly above <see cref="Min"/>.</summary>
    public bool MinExclusive { get; }

    /// <summary>Upper bound (inclusive).</summary>
    public double Max { get; }

    /// <inheritdoc/>
    public override string Kind => "number";

    /// <inheritdoc/>
    public override string Domain => string.Create(CultureInfo.InvariantCulture, $"{(MinExclusive ? ">" : ">=")} {Min:R}, <= {Max:R}");

    private protected override double ParseValue(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new FormatException($"expected a number {Domain}, found '{text}'");

    private protected override double ReadValue(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble()
            : throw new FormatException($"expected a number {Domain}, found {Describe.Json(value)}");

    private protected override string? CheckValue(double value)
    {
        bool ok = double.IsFinite(value) && (MinExclusive ? value > Min : value >= Min) && value <= Max;
        return ok ? null : string.Create(CultureInfo.InvariantCulture, $"expected a number {Domain}, found {value:R}");
    }
}
