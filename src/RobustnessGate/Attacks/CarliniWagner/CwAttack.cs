using RobustnessGate.Attacks.Definitions;

namespace RobustnessGate.Attacks.CarliniWagner;

/// <summary>
/// C&amp;W-L2 with Su et al.'s settings. See <see cref="CwOptions"/>. Per example it reports "const" (the c of the returned
/// example) and "gradient-passes" (forward+backward passes it cost; finished examples stop costing).
/// </summary>
public sealed class CwAttack : IContinuousBatching
{
    /// <summary>Command-line name.</summary>
    public const string AttackName = "cw";

    /// <summary>Creates the attack from an options record (its preset is the one it equals, else "custom").</summary>
    public CwAttack(CwOptions? options = null)
        : this(options ?? new CwOptions(), null)
    {
    }

    /// <summary>Creates the attack from settings its definition validated (null: describe and validate the options).</summary>
    internal CwAttack(CwOptions options, AttackSettings? settings)
    {
        Options = options;
        Settings = settings ?? CwDefinition.Instance.Describe(options);
    }

    /// <summary>The attack's definition: options, domains, presets.</summary>
    public static AttackDefinition<CwOptions> Definition => CwDefinition.Instance;

    /// <summary>The options.</summary>
    public CwOptions Options { get; }

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
        return CandidateClasses.Run(batch, Options.Candidates, Norm.L2, b => ThreadParts.Run(b, progress, cancellationToken,
            (part, partProgress, token) => new CwWorker(Options, part, partProgress, token).Run()));
    }
}
