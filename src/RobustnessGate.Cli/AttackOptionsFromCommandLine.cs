using RobustnessGate.Attacks;
using RobustnessGate.Attacks.Definitions;

namespace RobustnessGate.Cli;

/// <summary>
/// Binds command-line options to an attack definition and says errors in command-line terms (--flags); the validation
/// itself is the definition's.
/// </summary>
internal static class AttackOptionsFromCommandLine
{
    public static AttackPreset Preset(string? text) => text is null ? AttackPreset.Strong
        : AttackPresets.TryParse(text) ?? throw new UsageException($"option --preset: expected one of {string.Join(", ", AttackPresets.Names)}, found '{text}'");

    public static AttackSettings Configure(string attackName, AttackPreset preset, IReadOnlyDictionary<string, string> options)
    {
        var definition = KnownAttacks.Find(attackName)
            ?? throw new UsageException($"option --attack: unknown attack '{attackName}'; expected one of {string.Join(", ", KnownAttacks.All.Select(a => a.Name))}");
        try
        {
            return definition.Configure(preset, options);
        }
        catch (AttackOptionException e)
        {
            throw new UsageException(Describe(definition, e), e);
        }
    }

    /// <summary>An attack option error as the command line says it.</summary>
    public static string Describe(AttackDefinition definition, AttackOptionException e)
    {
        if (e.UnknownOption)
            return $"attack '{definition.Name}' does not take --{e.Option}; its options are {string.Join(", ", definition.Options.Select(o => "--" + o.CliName))}";
        if (e.Option is null)
            return $"attack '{definition.Name}': {e.Problem}";
        var cli = definition.FindOption(e.Option)?.CliName ?? e.Option;
        return $"option --{cli} of attack '{definition.Name}': {e.Problem}";
    }
}
