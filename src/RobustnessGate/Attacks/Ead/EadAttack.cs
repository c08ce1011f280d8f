using RobustnessGate.Attacks.Definitions;

namespace RobustnessGate.Attacks.Ead;

/// <summary>
/// EAD with Su et al.'s settings. See <see cref="EadOptions"/>. Per example it reports "const" (the c of the returned example),
/// "gradient-passes" (forward+backward passes at the slack point) and "scoring-passes" (forward passes that scored an iterate).
/// </summary>
public sealed class EadAttack : IContinuousBatching
{
    /// <summary>Command-line name.</summary>
    public const string AttackName = "ead";

    /// <summary>Creates the attack from an options record (its preset is the one it equals, else "custom").</summary>
    public EadAttack(EadOptions? options = null)
        : this(options ?? new EadOptions(), null)
    {
    }

    /// <summary>Creates the attack from settings its definition validated (null: describe and validate the options).</summary>
    internal EadAttack(EadOptions options, AttackSettings? settings)
    {
        Options = options;
        Settings = settings ?? EadDefinition.Instance.Describe(options);
    }

    /// <summary>The attack's definition: options, domains, presets.</summary>
    public static AttackDefinition<EadOptions> Definition => EadDefinition.Instance;

    /// <summary>The options.</summary>
    public EadOptions Options { get; }

    /// <inheritdoc/>
    public string Name => AttackName;

    /// <inheritdoc/>
    public AttackSettings Settings { get; }

    /// <inheritdoc/>
    public AttackBound? Bound => null;

    /// <inheritdoc/>
    public AttackOutput Run(AttackBatch batch, IProgress<AttackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return CandidateClasses.Run(batch, Options.Candidates, Norm.L1, b => ThreadParts.Run(b, progress, cancellationToken,
            (part, partProgress, token) => new EadWorker(Options, part, partProgress, token).Run()));
    }
}
