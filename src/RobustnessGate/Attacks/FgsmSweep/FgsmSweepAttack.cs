using RobustnessGate.Attacks.Definitions;
using static TorchSharp.torch;

namespace RobustnessGate.Attacks.FgsmSweep;

/// <summary>
/// FGSM with a per-image search over a budget grid. See <see cref="FgsmSweepOptions"/>. Per example it reports "epsilon",
/// the smallest successful grid budget (NaN when none succeeds). The evaluation's success curve (fraction of attacked
/// images fooled at budget eps or less) follows from these values. Costs one forward+backward plus one forward per grid
/// point on the images not fooled yet.
/// </summary>
public sealed class FgsmSweepAttack : IAttack
{
    /// <summary>Command-line name.</summary>
    public const string AttackName = "fgsm-sweep";

    /// <summary>Creates the attack from an options record (its preset is the one it equals, else "custom").</summary>
    public FgsmSweepAttack(FgsmSweepOptions? options = null)
        : this(options ?? new FgsmSweepOptions(), null)
    {
    }

    /// <summary>Creates the attack from settings its definition validated (null: describe and validate the options).</summary>
    internal FgsmSweepAttack(FgsmSweepOptions options, AttackSettings? settings)
    {
        Options = options;
        Settings = settings ?? FgsmSweepDefinition.Instance.Describe(options);
        Grid = options.Grid();
    }

    /// <summary>The attack's definition: options, domains, presets.</summary>
    public static AttackDefinition<FgsmSweepOptions> Definition => FgsmSweepDefinition.Instance;

    /// <summary>The options.</summary>
    public FgsmSweepOptions Options { get; }

    /// <summary>The budgets tried, ascending.</summary>
    public IReadOnlyList<double> Grid { get; }

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
        return CandidateClasses.Run(batch, Options.Candidates, Norm.Linf, b => RunOnce(b, progress, cancellationToken));
    }

    private AttackOutput RunOnce(AttackBatch batch, IProgress<AttackProgress>? progress, CancellationToken cancellationToken)
    {
        using var scope = NewDisposeScope();
        var x0 = batch.Images.detach();
        var (grad, _) = Gradients.Of(batch.Model, x0, z => Losses.Objective(Options.Loss, z, batch.Classes, batch.Targeted));
        var direction = Options.Norm == Norm.Linf ? grad.sign() : Gradients.NormalizeL2(grad);
        var best = x0.clone();
        var found = Enumerable.Repeat(double.NaN, batch.Count).ToArray();
        var active = arange(batch.Count, dtype: ScalarType.Int64);
        var xA = x0.alias();
        var dA = direction.alias();
        var cA = batch.Classes.alias();
        for (int k = 0; k < Grid.Count && active.shape[0] > 0; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var step = NewDisposeScope();
            var candidate = (xA + Grid[k] * dA).clamp_(0, 1);
            Tensor ok;
            using (no_grad())
            {
                var predicted = batch.Model.Logits(candidate).argmax(1);
                ok = batch.Targeted ? predicted.eq(cA) : predicted.ne(cA);
            }
            var rows = ok.nonzero().squeeze(1);
            if (rows.shape[0] > 0)
            {
                var fooled = active.index_select(0, rows);
                best.index_copy_(0, fooled, candidate.index_select(0, rows));
                foreach (var i in fooled.data<long>())
                    found[i] = Grid[k];
                // Fooled images leave the active set: later grid points cost nothing for them.
                var keep = ok.logical_not().nonzero().squeeze(1);
                active = active.index_select(0, keep).MoveToOuterDisposeScope();
                xA = xA.index_select(0, keep).MoveToOuterDisposeScope();
                dA = dA.index_select(0, keep).MoveToOuterDisposeScope();
                cA = cA.index_select(0, keep).MoveToOuterDisposeScope();
            }
            if (k % 10 == 9 || k == Grid.Count - 1)
                progress?.Report(new AttackProgress(k + 1, Grid.Count, "fgsm-sweep"));
        }
        return new AttackOutput(best.MoveToOuterDisposeScope(), new Dictionary<string, double[]> { ["epsilon"] = found });
    }
}
