using RobustnessGate.Attacks.Definitions;
using static TorchSharp.torch;

namespace RobustnessGate.Attacks.Fgsm;

/// <summary>FGSM (L-inf) and its L2 variant. See <see cref="FgsmOptions"/>.</summary>
public sealed class FgsmAttack : IAttack
{
    /// <summary>Command-line name.</summary>
    public const string AttackName = "fgsm";

    /// <summary>Creates the attack from an options record (its preset is the one it equals, else "custom").</summary>
    public FgsmAttack(FgsmOptions options)
        : this(options ?? throw new ArgumentNullException(nameof(options)), null)
    {
    }

    /// <summary>Creates the attack from settings its definition validated (null: describe and validate the options).</summary>
    internal FgsmAttack(FgsmOptions options, AttackSettings? settings)
    {
        Options = options;
        Settings = settings ?? FgsmDefinition.Instance.Describe(options);
    }

    /// <summary>The attack's definition: options, domains, presets.</summary>
    public static AttackDefinition<FgsmOptions> Definition => FgsmDefinition.Instance;

    /// <summary>The options.</summary>
    public FgsmOptions Options { get; }

    /// <inheritdoc/>
    public string Name => AttackName;

    /// <inheritdoc/>
    public AttackSettings Settings { get; }

    /// <inheritdoc/>
    public AttackBound? Bound => new(Options.Norm, Options.Epsilon);

    /// <inheritdoc/>
    public AttackOutput Run(AttackBatch batch, IProgress<AttackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var (grad, _) = Gradients.Of(batch.Model, batch.Images, z => Losses.Objective(Options.Loss, z, batch.Classes, batch.Targeted));
        var direction = Options.Norm == Norm.Linf ? grad.sign() : Gradients.NormalizeL2(grad);
        var adv = (batch.Images + Options.Epsilon * direction).clamp(0, 1).detach();
        progress?.Report(new AttackProgress(1, 1, "fgsm"));
        return new AttackOutput(adv.MoveToOuterDisposeScope());
    }
}
