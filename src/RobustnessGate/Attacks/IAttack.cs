namespace RobustnessGate.Attacks;

/// <summary>An adversarial attack. Implementations are stateless between batches and take pixels in [0, 1].</summary>
public interface IAttack
{
    /// <summary>Name as used on the command line.</summary>
    string Name { get; }

    /// <summary>The definition, preset and every effective option value (what result files record).</summary>
    AttackSettings Settings { get; }

    /// <summary>The budget every returned example must respect, or null for minimal-distortion attacks.</summary>
    AttackBound? Bound { get; }

    /// <summary>Attacks one batch.</summary>
    AttackOutput Run(AttackBatch batch, IProgress<AttackProgress>? progress = null, CancellationToken cancellationToken = default);
}
