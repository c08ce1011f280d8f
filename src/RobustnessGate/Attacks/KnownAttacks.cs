using RobustnessGate.Attacks.CarliniWagner;
using RobustnessGate.Attacks.Definitions;
using RobustnessGate.Attacks.Ead;
using RobustnessGate.Attacks.Fgsm;
using RobustnessGate.Attacks.FgsmSweep;
using RobustnessGate.Attacks.IterativeFgsm;
using RobustnessGate.Attacks.Pgd;

namespace RobustnessGate.Attacks;

/// <summary>The catalogue of attack definitions reachable by name (command line, threshold files, study budgets).</summary>
public static class KnownAttacks
{
    /// <summary>Every attack, in display order.</summary>
    public static IReadOnlyList<AttackDefinition> All { get; } =
    [
        FgsmDefinition.Instance, PgdDefinition.Instance, FgsmSweepDefinition.Instance, IfgsmDefinition.Instance, CwDefinition.Instance, EadDefinition.Instance,
    ];

    /// <summary>The attack called <paramref name="name"/> (any letter case), or null.</summary>
    public static AttackDefinition? Find(string name) => All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The attack called <paramref name="name"/>; an unknown name is an error listing the known ones.</summary>
    public static AttackDefinition Get(string name) =>
        Find(name) ?? throw new AttackOptionException(null, null, $"unknown attack '{name}'; expected one of {string.Join(", ", All.Select(a => a.Name))}",
            allowed: All.Select(a => a.Name).ToArray());
}
