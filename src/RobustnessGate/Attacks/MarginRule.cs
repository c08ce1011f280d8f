using static TorchSharp.torch;

namespace RobustnessGate.Attacks;

/// <summary>
/// The C&amp;W logit margin with confidence kappa, shared by C&amp;W-L2 and EAD (Su et al. section 5.3), and the matching
/// success test of the reference code's compare(): the kappa-adjusted argmax must leave the label (untargeted) or hit the
/// target (targeted). With kappa = 0 this is exactly the Evaluator's rule.
/// </summary>
internal sealed class MarginRule : IDisposable
{
    private readonly Tensor _classes;
    private readonly Tensor _mask;
    private readonly Tensor? _shift;
    private readonly bool _targeted;
    private readonly double _kappa;

    /// <summary>Precomputes the class mask once per active set instead of once per iteration.</summary>
    public MarginRule(Tensor classes, long classCount, bool targeted, double kappa)
    {
        _classes = classes.alias();
        _mask = nn.functional.one_hot(classes, classCount).to(ScalarType.Bool);
        _targeted = targeted;
        _kappa = kappa;
        if (kappa != 0)
            _shift = _mask.to(ScalarType.Float32) * (targeted ? -kappa : kappa);
    }

    /// <summary>
    /// The rule for <paramref name="batch"/>: its label or target classes, with the class count read from one forward pass
    /// of the model on the first image (models need not declare it).
    /// </summary>
    public static MarginRule For(AttackBatch batch, double kappa)
    {
        long classCount;
        using (no_grad())
        using (var probe = batch.Model.Logits(batch.Images.detach().narrow(0, 0, Math.Min(1, batch.Count))))
            classCount = probe.shape[1];
        return new MarginRule(batch.Classes, classCount, batch.Targeted, kappa);
    }

    /// <summary>f = max(z_y - max_{j!=y} z_j + kappa, 0) untargeted, max(max_{j!=t} z_j - z_t + kappa, 0) targeted (N).</summary>
    public Tensor Loss(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var real = logits.gather(1, _classes.unsqueeze(1)).squeeze(1);
        var other = logits.masked_fill(_mask, float.NegativeInfinity).amax(new long[] { 1 });
        var margin = _targeted ? other - real : real - other;
        return (margin + _kappa).clamp_min(0).MoveToOuterDisposeScope();
    }

    /// <summary><see cref="Loss(Tensor)"/> for logits of the rows <paramref name="rows"/> only (one per row given).</summary>
    public Tensor Loss(Tensor logits, Tensor rows)
    {
        using var scope = NewDisposeScope();
        var classes = _classes.index_select(0, rows);
        var real = logits.gather(1, classes.unsqueeze(1)).squeeze(1);
        var other = logits.masked_fill(_mask.index_select(0, rows), float.NegativeInfinity).amax(new long[] { 1 });
        var margin = _targeted ? other - real : real - other;
        return (margin + _kappa).clamp_min(0).MoveToOuterDisposeScope();
    }

    /// <summary>Per-example success (bool N) of the kappa-adjusted argmax.</summary>
    public Tensor Succeeds(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var predicted = (_shift is null ? logits : logits + _shift).argmax(1);
        return (_targeted ? predicted.eq(_classes) : predicted.ne(_classes)).MoveToOuterDisposeScope();
    }

    /// <summary>Success for logits of the rows <paramref name="rows"/> only (bool, one per row given).</summary>
    public Tensor Succeeds(Tensor logits, Tensor rows)
    {
        using var scope = NewDisposeScope();
        var classes = _classes.index_select(0, rows);
        var predicted = (_shift is null ? logits : logits + _shift.index_select(0, rows)).argmax(1);
        return (_targeted ? predicted.eq(classes) : predicted.ne(classes)).MoveToOuterDisposeScope();
    }

    /// <summary>The same rule restricted to the rows in <paramref name="index"/>.</summary>
    public MarginRule Select(Tensor index)
    {
        using var classes = _classes.index_select(0, index);
        return new MarginRule(classes, _mask.shape[1], _targeted, _kappa);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _classes.Dispose();
        _mask.Dispose();
        _shift?.Dispose();
    }
}
