using static TorchSharp.torch;

namespace RobustnessGate.Attacks.Fgsm;

/// <summary>FGSM (L-inf) and its L2 variant. See <see cref="FgsmOptions"/>.</summary>
public sealed class FgsmAttack : IAttack
{
    /// <summary>Command-line name.</summary>
    public const string AttackName = "fgsm";

    /// <summary>Creates the attack.</summary>
    public FgsmAttack(FgsmOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        if (!(options.Epsilon >= 0))
            throw new AttackOptionException($"option --epsilon: {options.Epsilon} must be >= 0");
    }

    /// <summary>The options.</summary>
    public FgsmOptions Options { get; }

    /// <inheritdoc/>
    public string Name => AttackName;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> Parameters => new Dictionary<string, object>
    {
        ["epsilon"] = Options.Epsilon,
        ["norm"] = CommonChoices.Name(Options.Norm),
        ["loss"] = CommonChoices.Name(Options.Loss),
    };

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
