namespace RobustnessGate.Attacks.CarliniWagner;

/// <summary>
/// C&amp;W-L2 with Su et al.'s settings. See <see cref="CwOptions"/>. Per example it reports "const" (the c of the returned
/// example) and "gradient-passes" (forward+backward passes it cost; finished examples stop costing).
/// </summary>
public sealed class CwAttack : IAttack
{
    /// <summary>Command-line name.</summary>
    public const string AttackName = "cw";

    /// <summary>Creates the attack.</summary>
    public CwAttack(CwOptions? options = null)
    {
        Options = options ?? new CwOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public CwOptions Options { get; }

    /// <inheritdoc/>
    public string Name => AttackName;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> Parameters => new Dictionary<string, object>
    {
        ["binarySteps"] = Options.BinarySteps,
        ["iterations"] = Options.Iterations,
        ["learningRate"] = Options.LearningRate,
        ["initialConst"] = Options.InitialConst,
        ["confidence"] = Options.Confidence,
        ["abortEarly"] = Options.AbortEarly,
        ["warmStart"] = Options.WarmStart,
        ["adam"] = Options.Adam == CwAdam.Reference ? "reference" : "tensorflow",
    };

    /// <inheritdoc/>
    public AttackBound? Bound => null;

    /// <inheritdoc/>
    public AttackOutput Run(AttackBatch batch, IProgress<AttackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new CwWorker(Options, batch, progress, cancellationToken).Run();
    }
}
