using RobustnessGate.Attacks.CarliniWagner;
using RobustnessGate.Attacks.Ead;
using RobustnessGate.Attacks.Fgsm;
using RobustnessGate.Attacks.FgsmSweep;
using RobustnessGate.Attacks.IterativeFgsm;
using RobustnessGate.Attacks.Pgd;

namespace RobustnessGate.Attacks;

/// <summary>The catalogue of attacks reachable by name (command line, threshold files).</summary>
public static class KnownAttacks
{
    private static readonly Dictionary<string, (string Summary, Func<AttackArguments, IAttack> Create)> Catalogue = new(StringComparer.OrdinalIgnoreCase)
    {
        [FgsmAttack.AttackName] = ("one signed-gradient step (--epsilon --norm --loss)", a => new FgsmAttack(FgsmOptions.From(a))),
        [PgdAttack.AttackName] = ("projected gradient descent (--epsilon --steps --step-size --random-start --norm --loss)", a => new PgdAttack(PgdOptions.From(a))),
        [FgsmSweepAttack.AttackName] = ("smallest FGSM budget per image on a grid, and the success curve (--epsilon-step 0.001 --max-epsilon 1 --norm linf --loss logit)",
            a => new FgsmSweepAttack(FgsmSweepOptions.From(a))),
        [IfgsmAttack.AttackName] = ("I-FGSM with Su et al.'s per-image budget search (--initial-epsilon 0.02 --attempts 9 --iterations 50 --loss logit)",
            a => new IfgsmAttack(IfgsmOptions.From(a))),
        [CwAttack.AttackName] = ("Carlini-Wagner L2 (--binary-steps 9 --iterations 1000 --learning-rate 0.002 --initial-const 0.01 --confidence 0 --abort-early true --warm-start true --adam reference|tensorflow)",
            a => new CwAttack(CwOptions.From(a))),
        [EadAttack.AttackName] = ("elastic-net attack, EAD (--binary-steps 9 --iterations 1000 --learning-rate 0.01 --initial-const 0.01 --confidence 0 --beta 0.001 --decision-rule l1|en --abort-early true --score-every 1)",
            a => new EadAttack(EadOptions.From(a))),
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
