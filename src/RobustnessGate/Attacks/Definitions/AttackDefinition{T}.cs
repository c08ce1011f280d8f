namespace RobustnessGate.Attacks.Definitions;

/// <summary>An attack definition over its options record <typeparamref name="TOptions"/>.</summary>
/// <typeparam name="TOptions">The attack's immutable options record (value equality).</typeparam>
public sealed class AttackDefinition<TOptions> : AttackDefinition where TOptions : class
{
    private readonly IReadOnlyDictionary<AttackPreset, TOptions> _presets;
    private readonly Func<TOptions, AttackSettings, IAttack> _create;
    private readonly Action<TOptions>? _validateTogether;

    /// <summary>Creates the definition.</summary>
    /// <param name="name">Attack name.</param>
    /// <param name="summary">One line on what it does.</param>
    /// <param name="norm">The norm it minimises or is bounded in.</param>
    /// <param name="options">Its options, in display order; together they must cover every field of the record.</param>
    /// <param name="presets">The record of each preset.</param>
    /// <param name="create">Builds the attack from validated options and their settings.</param>
    /// <param name="validateTogether">Checks across options (throw <see cref="AttackOptionException"/>), or null.</param>
    public AttackDefinition(string name, string summary, string norm, IReadOnlyList<AttackOption<TOptions>> options,
        IReadOnlyDictionary<AttackPreset, TOptions> presets, Func<TOptions, AttackSettings, IAttack> create, Action<TOptions>? validateTogether = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(presets);
        if (presets.Count == 0)
            throw new ArgumentException($"attack '{name}' needs at least one preset", nameof(presets));
        Name = name;
        Summary = summary;
        Norm = norm;
        TypedOptions = options;
        _presets = presets;
        _create = create ?? throw new ArgumentNullException(nameof(create));
        _validateTogether = validateTogether;
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override string Summary { get; }

    /// <inheritdoc/>
    public override string Norm { get; }

    /// <summary>The options with their record type.</summary>
    public IReadOnlyList<AttackOption<TOptions>> TypedOptions { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<AttackOption> Options => TypedOptions;

    /// <inheritdoc/>
    public override IReadOnlyList<AttackPreset> Presets => _presets.Keys.Order().ToArray();

    /// <summary>The typed options of <paramref name="preset"/>.</summary>
    public TOptions Preset(AttackPreset preset) =>
        _presets.TryGetValue(preset, out var o) ? o
            : throw new AttackOptionException(Name, null, $"has no preset '{AttackPresets.Name(preset)}'; its presets are {string.Join(", ", Presets.Select(AttackPresets.Name))}",
                allowed: Presets.Select(AttackPresets.Name).ToArray());

    /// <summary>The settings of <paramref name="preset"/> changed in code (study budgets): <c>o =&gt; o with { Iterations = 60 }</c>.</summary>
    public AttackSettings Configure(AttackPreset preset, Func<TOptions, TOptions> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Settings(change(Preset(preset)), AttackPresets.Name(preset));
    }

    /// <inheritdoc/>
    public override object PresetOptions(AttackPreset preset) => Preset(preset);

    private protected override void ValidateTogether(object options) => _validateTogether?.Invoke((TOptions)options);

    internal override IAttack Create(AttackSettings settings) => _create((TOptions)settings.Options, settings);
}
