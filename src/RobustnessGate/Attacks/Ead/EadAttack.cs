namespace RobustnessGate.Attacks.Ead;

/// <summary>
/// EAD with Su et al.'s settings. See <see cref="EadOptions"/>. Per example it reports "const" (the c of the returned example),
/// "gradient-passes" (forward+backward passes at the slack point) and "scoring-passes" (forward passes that scored an iterate).
/// </summary>
public sealed class EadAttack : IAttack
{
    /// <summary>Command-line name.</summary>
    public const string AttackName = "ead";

    /// <summary>Creates the attack.</summary>
    public EadAttack(EadOptions? options = null)
    {
        Options = options ?? new EadOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public EadOptions Options { get; }

    /// <inheritdoc/>
    public string Name => AttackName;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> Parameters => Options.ScoreEvery == 1 ? ReferenceParameters : new Dictionary<string, object>(ReferenceParameters) { ["scoreEvery"] = Options.ScoreEvery };

    /// <summary>The reference algorithm's parameters (scoreEvery is listed only when it deviates, so results stay comparable).</summary>
    private Dictionary<string, object> ReferenceParameters => new()
    {
        ["binarySteps"] = Options.BinarySteps,
        ["iterations"] = Options.Iterations,
        ["learningRate"] = Options.LearningRate,
        ["initialConst"] = Options.InitialConst,
        ["confidence"] = Options.Confidence,
        ["beta"] = Options.Beta,
        ["decisionRule"] = Options.DecisionRule == EadDecisionRule.L1 ? "l1" : "en",
        ["abortEarly"] = Options.AbortEarly,
    };

    /// <inheritdoc/>
    public AttackBound? Bound => null;

    /// <inheritdoc/>
    public AttackOutput Run(AttackBatch batch, IProgress<AttackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new EadWorker(Options, batch, progress, cancellationToken).Run();
    }
}
