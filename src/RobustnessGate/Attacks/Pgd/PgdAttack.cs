using static TorchSharp.torch;

namespace RobustnessGate.Attacks.Pgd;

/// <summary>PGD with L-inf or L2 projection. See <see cref="PgdOptions"/>.</summary>
public sealed class PgdAttack : IAttack
{
    /// <summary>Command-line name.</summary>
    public const string AttackName = "pgd";

    /// <summary>Creates the attack.</summary>
    public PgdAttack(PgdOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        if (!(options.Epsilon >= 0) || options.Steps < 1 || !(options.StepSize >= 0))
            throw new AttackOptionException($"PGD needs --epsilon >= 0, --steps >= 1 and --step-size >= 0 (got {options.Epsilon}, {options.Steps}, {options.StepSize})");
    }

    /// <summary>The options.</summary>
    public PgdOptions Options { get; }

    /// <inheritdoc/>
    public string Name => AttackName;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> Parameters => new Dictionary<string, object>
    {
        ["epsilon"] = Options.Epsilon,
        ["steps"] = Options.Steps,
        ["stepSize"] = Options.StepSize,
        ["randomStart"] = Options.RandomStart,
        ["norm"] = CommonChoices.Name(Options.Norm),
        ["loss"] = CommonChoices.Name(Options.Loss),
    };

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
