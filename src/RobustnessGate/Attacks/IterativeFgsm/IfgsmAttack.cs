using RobustnessGate.Attacks.Definitions;
using static TorchSharp.torch;

namespace RobustnessGate.Attacks.IterativeFgsm;

/// <summary>
/// I-FGSM with the per-image budget search. See <see cref="IfgsmOptions"/>. Per example it reports "epsilon", the smallest
/// successful budget (NaN when no attempt succeeded). Every image runs all attempts, as in the paper.
/// </summary>
public sealed class IfgsmAttack : IAttack
{
    /// <summary>Command-line name.</summary>
    public const string AttackName = "ifgsm";

    /// <summary>Creates the attack from an options record (its preset is the one it equals, else "custom").</summary>
    public IfgsmAttack(IfgsmOptions? options = null)
        : this(options ?? new IfgsmOptions(), null)
    {
    }

    /// <summary>Creates the attack from settings its definition validated (null: describe and validate the options).</summary>
    internal IfgsmAttack(IfgsmOptions options, AttackSettings? settings)
    {
        Options = options;
        Settings = settings ?? IfgsmDefinition.Instance.Describe(options);
    }

    /// <summary>The attack's definition: options, domains, presets.</summary>
    public static AttackDefinition<IfgsmOptions> Definition => IfgsmDefinition.Instance;

    /// <summary>The options.</summary>
    public IfgsmOptions Options { get; }

    /// <inheritdoc/>
    public string Name => AttackName;

    /// <inheritdoc/>
    public AttackSettings Settings { get; }

    /// <inheritdoc/>
    public AttackBound? Bound => Options.Attempts == 1 ? new AttackBound(Norm.Linf, Options.InitialEpsilon) : null;

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
        int n = batch.Count;
        var search = new EpsilonSearch(n, Options.InitialEpsilon);
        var best = x0.clone();
        long total = (long)Options.Attempts * Options.Iterations;
        for (int attempt = 0; attempt < Options.Attempts; attempt++)
        {
            using var attemptScope = NewDisposeScope();
            var eps = tensor(search.Epsilon.Select(e => (float)e).ToArray()).view(Gradients.ShapeForBroadcast(x0));
            var x = Iterate(batch, x0, eps, attempt, total, progress, cancellationToken);
            bool[] succeeded;
            using (no_grad())
            {
                var predicted = batch.Model.Logits(x).argmax(1);
                var ok = batch.Targeted ? predicted.eq(batch.Classes) : predicted.ne(batch.Classes);
                best.copy_(where(ok.view(Gradients.ShapeForBroadcast(x0)), x, best));
                succeeded = ok.data<bool>().ToArray();
            }
            search.Update(succeeded);
        }
        return new AttackOutput(best.MoveToOuterDisposeScope(), new Dictionary<string, double[]> { ["epsilon"] = search.Smallest });
    }

    /// <summary>One fixed-budget I-FGSM run with a per-example budget; returns the final iterate, clipped to the box.</summary>
    private Tensor Iterate(AttackBatch batch, Tensor x0, Tensor eps, int attempt, long total, IProgress<AttackProgress>? progress, CancellationToken ct)
    {
        var step = eps / Options.Iterations;
        var lower = -eps;
        var x = x0.clone();
        for (int t = 0; t < Options.Iterations; t++)
        {
            ct.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var leaf = x.detach().requires_grad_(true);
            using (enable_grad())
                Losses.Objective(Options.Loss, batch.Model.Logits(leaf), batch.Classes, batch.Targeted).sum().backward();
            using (no_grad())
            {
                var g = leaf.grad ?? throw new InvalidOperationException($"model '{batch.Model.Name}' produced no input gradient");
                var moved = (x + step * g.sign()).clamp_(0, 1);
                x.copy_(x0 + (moved - x0).clamp_(lower, eps));
            }
            if (t % 10 == 9 || t == Options.Iterations - 1)
                progress?.Report(new AttackProgress((long)attempt * Options.Iterations + t + 1, total, $"ifgsm attempt {attempt + 1}/{Options.Attempts}"));
        }
        return x.clamp_(0, 1);
    }
}
