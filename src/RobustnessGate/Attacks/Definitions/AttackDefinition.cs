using System.Text.Json;

namespace RobustnessGate.Attacks.Definitions;

/// <summary>
/// The single source of truth for one attack: its name, summary, options (each with domain, unit and documentation) and
/// presets. Command-line parsing and help, threshold-file options, study budgets, the parameters written to results, the
/// study's cache key, the gate's snapshots and the README's attack table are all derived from it.
/// </summary>
public abstract class AttackDefinition
{
    /// <summary>Name as used on the command line, in files and in results.</summary>
    public abstract string Name { get; }

    /// <summary>One line on what the attack does.</summary>
    public abstract string Summary { get; }

    /// <summary>The norm the attack minimises or is bounded in, for display ("L2", "L-inf", ...).</summary>
    public abstract string Norm { get; }

    /// <summary>The options, in display order.</summary>
    public abstract IReadOnlyList<AttackOption> Options { get; }

    /// <summary>The presets this attack has.</summary>
    public abstract IReadOnlyList<AttackPreset> Presets { get; }

    /// <summary>The option called <paramref name="name"/> (camelCase or kebab-case), or null.</summary>
    public AttackOption? FindOption(string name) => Options.FirstOrDefault(o => o.Matches(name));

    /// <summary>The value of <paramref name="option"/> in <paramref name="preset"/>.</summary>
    public object Default(AttackOption option, AttackPreset preset)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.Get(PresetOptions(preset));
    }

    /// <summary>The settings of <paramref name="preset"/> with no option changed.</summary>
    public AttackSettings Configure(AttackPreset preset) => Settings(PresetOptions(preset), AttackPresets.Name(preset));

    /// <summary>The settings of <paramref name="preset"/> with options given as text (the command line: name -> value).</summary>
    /// <exception cref="AttackOptionException">An unknown option, a value that does not parse, or one outside its domain.</exception>
    public AttackSettings Configure(AttackPreset preset, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return Apply(preset, overrides.Select(kv => (kv.Key, (Func<AttackOption, object>)(o => o.Parse(kv.Value)))));
    }

    /// <summary>The settings of <paramref name="preset"/> with options given as a JSON object (threshold files).</summary>
    /// <exception cref="AttackOptionException">As for the text form; also when <paramref name="options"/> is not an object.</exception>
    public AttackSettings Configure(AttackPreset preset, JsonElement options)
    {
        if (options.ValueKind != JsonValueKind.Object)
            throw new AttackOptionException(Name, null, $"expected an object of options, found {Definitions.Describe.Json(options)}");
        return Apply(preset, options.EnumerateObject().Select(p => (p.Name, (Func<AttackOption, object>)(o => o.Read(p.Value)))));
    }

    /// <summary>Settings built on <paramref name="start"/> (e.g. a study budget) with options given as a JSON object.</summary>
    /// <exception cref="AttackOptionException">As for <see cref="Configure(AttackPreset, JsonElement)"/>.</exception>
    public AttackSettings Configure(AttackSettings start, JsonElement options)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (start.Definition != this)
            throw new ArgumentException($"settings of attack '{start.Name}' cannot start attack '{Name}'", nameof(start));
        if (options.ValueKind != JsonValueKind.Object)
            throw new AttackOptionException(Name, null, $"expected an object of options, found {Definitions.Describe.Json(options)}");
        return Apply(start.Options, start.Preset, options.EnumerateObject().Select(p => (p.Name, (Func<AttackOption, object>)(o => o.Read(p.Value)))));
    }

    /// <summary>Checks every option of an options record against its domain; the exception names the first bad option.</summary>
    public void Validate(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var o in Options)
        {
            if (o.Check(o.Get(options)) is { } problem)
                throw new AttackOptionException(Name, o.Name, problem);
        }
        ValidateTogether(options);
    }

    /// <summary>The settings describing an options record built in code: its preset is the one it equals, else "custom".</summary>
    public AttackSettings Describe(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var preset = Presets.Where(p => PresetOptions(p).Equals(options)).Select(p => AttackPresets.Name(p)).FirstOrDefault() ?? AttackPresets.Custom;
        return Settings(options, preset);
    }

    /// <summary>The options record of <paramref name="preset"/>.</summary>
    /// <exception cref="AttackOptionException">The attack has no such preset.</exception>
    public abstract object PresetOptions(AttackPreset preset);

    /// <summary>Checks that need several options at once (single options are checked by their domains).</summary>
    private protected virtual void ValidateTogether(object options)
    {
    }

    /// <summary>Creates the attack for a validated options record.</summary>
    internal abstract IAttack Create(AttackSettings settings);

    private protected AttackSettings Settings(object options, string preset)
    {
        Validate(options);
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var o in Options)
            parameters[o.Name] = o.ToPlain(o.Get(options));
        return new AttackSettings(this, preset, options, parameters);
    }

    private AttackSettings Apply(AttackPreset preset, IEnumerable<(string Name, Func<AttackOption, object> Value)> overrides) =>
        Apply(PresetOptions(preset), AttackPresets.Name(preset), overrides);

    private AttackSettings Apply(object options, string preset, IEnumerable<(string Name, Func<AttackOption, object> Value)> overrides)
    {
        var seen = new HashSet<AttackOption>();
        foreach (var (name, value) in overrides)
        {
            var option = FindOption(name)
                ?? throw new AttackOptionException(Name, name, $"unknown option; expected one of {string.Join(", ", Options.Select(o => o.Name))}",
                    unknownOption: true, allowed: Options.Select(o => o.Name).ToArray());
            if (!seen.Add(option))
                throw new AttackOptionException(Name, name, $"given twice (as another spelling of '{option.Name}')");
            object parsed;
            try
            {
                parsed = value(option);
            }
            catch (FormatException e)
            {
                throw new AttackOptionException(Name, name, e.Message);
            }
            if (option.Check(parsed) is { } problem)
                throw new AttackOptionException(Name, name, problem);
            options = option.Set(options, parsed);
        }
        return Settings(options, preset);
    }
}
