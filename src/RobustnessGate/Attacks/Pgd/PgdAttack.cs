using RobustnessGate.Attacks.Definitions;
using static TorchSharp.torch;

namespace RobustnessGate.Attacks.Pgd;

/// <summary>PGD with L-inf or L2 projection. See <see cref="PgdOptions"/>.</summary>
public sealed class PgdAttack : IAttack
{
    /// <summary>Command-line name.</summary>
    public const string AttackName = "pgd";

    /// <summary>Creates the attack from an options record (its preset is the one it equals, else "custom").</summary>
    public PgdAttack(PgdOptions options)
        : this(options ?? throw new ArgumentNullException(nameof(options)), null)
    {
    }

    /// <summary>Creates the attack from settings its definition validated (null: describe and validate the options).</summary>
    internal PgdAttack(PgdOptions options, AttackSettings? settings)
    {
        Options = options;
        Settings = settings ?? PgdDefinition.Instance.Describe(options);
    }

    /// <summary>The attack's definition: options, domains, presets.</summary>
    public static AttackDefinition<PgdOptions> Definition => PgdDefinition.Instance;

    /// <summary>The options.</summary>
    public PgdOptions Options { get; }

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
        var x0 = batch.Images;
        var adv = Options.RandomStart ? RandomStart(x0, batch.Seed) : x0.detach().clone();
        for (int step = 0; step < Options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var (grad, _) = Gradients.Of(batch.Model, adv, z => Losses.Objective(Options.Loss, z, batch.Classes, batch.Targeted));
            var next = Options.Norm == Norm.Linf
                ? (adv + Options.StepSize * grad.sign() - x0).clamp(-Options.Epsilon, Options.Epsilon)
                : Gradients.ProjectL2(adv + Options.StepSize * Gradients.NormalizeL2(grad) - x0, Options.Epsilon);
            var updated = (x0 + next).clamp(0, 1).detach().MoveToOuterDisposeScope();
            adv.Dispose();
            adv = updated;
            progress?.Report(new AttackProgress(step + 1, Options.Steps, "pgd"));
        }
        return new AttackOutput(adv);
    }

    private Tensor RandomStart(Tensor x0, long seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        Tensor delta;
        if (Options.Norm == Norm.Linf)
        {
            delta = (rand(x0.shape, generator: generator) * 2 - 1) * Options.Epsilon;
        }
        else
        {
            // Uniform direction, radius eps * u: a random point of the ball (not uniform in volume, as in AdverTorch).
            var direction = Gradients.NormalizeL2(randn(x0.shape, generator: generator));
            var radius = rand(new[] { x0.shape[0] }, generator: generator) * Options.Epsilon;
            delta = direction * radius.view(Gradients.ShapeForBroadcast(x0));
        }
        return (x0 + delta).clamp(0, 1).detach().MoveToOuterDisposeScope();
    }
}
