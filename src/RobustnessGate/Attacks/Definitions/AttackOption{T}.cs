using System.Text.Json;

namespace RobustnessGate.Attacks.Definitions;

/// <summary>An option of type <typeparamref name="T"/> on the options record <typeparamref name="TOptions"/>.</summary>
/// <typeparam name="TOptions">The attack's options record.</typeparam>
/// <typeparam name="T">The value type.</typeparam>
public abstract class AttackOption<TOptions, T> : AttackOption<TOptions>
    where TOptions : class
    where T : notnull
{
    private readonly Func<TOptions, T> _get;
    private readonly Func<TOptions, T, TOptions> _set;

    private protected AttackOption(string name, string description, string? unit, Func<TOptions, T> get, Func<TOptions, T, TOptions> set)
        : base(name, description, unit)
    {
        _get = get ?? throw new ArgumentNullException(nameof(get));
        _set = set ?? throw new ArgumentNullException(nameof(set));
    }

    /// <summary>The typed value in <paramref name="options"/>.</summary>
    public T GetValue(TOptions options) => _get(options);

    /// <inheritdoc/>
    public sealed override object Get(object options) => _get((TOptions)options);

    /// <inheritdoc/>
    public sealed override object Set(object options, object value) => _set((TOptions)options, (T)value);

    /// <inheritdoc/>
    public sealed override object Parse(string text) => ParseValue(text ?? throw new ArgumentNullException(nameof(text)));

    /// <inheritdoc/>
    public sealed override object Read(JsonElement value) => ReadValue(value);

    /// <inheritdoc/>
    public sealed override string? Check(object value) => CheckValue((T)value);

    /// <inheritdoc/>
    public sealed override object ToPlain(object value) => Plain((T)value);

    private protected abstract T ParseValue(string text);

    private protected abstract T ReadValue(JsonElement value);

    private protected abstract string? CheckValue(T value);

    private protected virtual object Plain(T value) => value;
}
