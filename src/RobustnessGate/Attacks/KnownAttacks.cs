using RobustnessGate.Attacks.Fgsm;
using RobustnessGate.Attacks.Pgd;

namespace RobustnessGate.Attacks;

/// <summary>The catalogue of attacks reachable by name (command line, threshold files).</summary>
public static class KnownAttacks
{
    private static readonly Dictionary<string, (string Summary, Func<AttackArguments, IAttack> Create)> Catalogue = new(StringComparer.OrdinalIgnoreCase)
    {
        [FgsmAttack.AttackName] = ("one signed-gradient step (--epsilon --norm --loss)", a => new FgsmAttack(FgsmOptions.From(a))),
        [PgdAttack.AttackName] = ("projected gradient descent (--epsilon --steps --step-size --random-start --norm --loss)", a => new PgdAttack(PgdOptions.From(a))),
    };

    /// <summary>Names and one-line summaries.</summary>
    public static IEnumerable<(string Name, string Summary)> All => Catalogue.Select(kv => (kv.Key, kv.Value.Summary));

    /// <summary>Creates attack <paramref name="name"/> from its options; unknown names and options are errors.</summary>
    public static IAttack Create(string name, AttackArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (!Catalogue.TryGetValue(name, out var entry))
            throw new AttackOptionException($"unknown attack '{name}'; expected one of {string.Join(", ", Catalogue.Keys)}");
        return entry.Create(arguments);
    }
}
