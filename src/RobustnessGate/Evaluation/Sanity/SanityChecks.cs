using System.Globalization;
using RobustnessGate.Attacks;
using RobustnessGate.Attacks.CarliniWagner;
using RobustnessGate.Attacks.Ead;
using RobustnessGate.Data;
using RobustnessGate.Models;
using static TorchSharp.torch;

namespace RobustnessGate.Evaluation.Sanity;

/// <summary>
/// The cheap checks the evaluator runs with every result so that a broken model is never reported as robust (README,
/// "Sanity checks"). Each returns a <see cref="SanityFlag"/> or null; <see cref="RefuseNonFinite"/> throws instead.
/// </summary>
public static class SanityChecks
{
    /// <summary>
    /// Two forward passes of the same batch may differ by at most this times max(1, largest |logit| of the batch). Derivation:
    /// deterministic CPU kernels on the same input give identical bits (difference 0); even a thread-dependent summation order
    /// changes a float32 dot product of n terms by at most about n * 2^-24 of its scale, 6e-5 for n = 1,000 (a LeNet layer),
    /// so 1e-4 leaves room for that and nothing else. Dropout left on moves logits by tens of percent of their scale.
    /// </summary>
    public const double ForwardTolerance = 1e-4;

    /// <summary>Random draws per unbroken image in the noise check (seeded): enough to catch a masked model, cheap (forward passes only).</summary>
    public const int NoiseDraws = 4;

    /// <summary>Unbroken images re-attacked at half the budget by the monotonicity check (the first ones, in data order).</summary>
    public const int MonotoneSample = 16;

    /// <summary>
    /// Refuses logits with NaN or infinite entries: every later number (accuracy, success, distortion) would be meaningless.
    /// </summary>
    /// <exception cref="ModelContractException">Some row of <paramref name="logits"/> is not finite; the message names the model and the count.</exception>
    public static void RefuseNonFinite(IClassifier model, ImageSet data, Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(logits);
        using var scope = NewDisposeScope();
        var bad = logits.isfinite().all(1).logical_not();
        long rows = bad.sum().item<long>();
        if (rows == 0)
            return;
        long first = bad.nonzero()[0, 0].item<long>();
        throw new ModelContractException(Invariant(
            $"sanity check {SanityCodes.NonFiniteLogits} ({SanitySeverity.Error}): model '{model.Name}' returned NaN or infinite logits for {rows} of {data.Count} images of {data.Name} (first: image {first}); nothing was attacked, since accuracy and success on such outputs mean nothing. Check the model's weights and its export."));
    }

    /// <summary>Runs the first batch forward a second time and compares with its clean logits (cost: one forward pass of one batch).</summary>
    /// <param name="model">The classifier.</param>
    /// <param name="data">The evaluated images.</param>
    /// <param name="cleanLogits">The logits of every image (N x K), whose first rows are the first batch.</param>
    /// <param name="batchSize">The evaluator's batch size (the first batch is this many images or all).</param>
    public static SanityFlag? NondeterministicForward(IClassifier model, ImageSet data, Tensor cleanLogits, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(cleanLogits);
        int n = Math.Min(batchSize, data.Count);
        if (n == 0)
            return null;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var first = cleanLogits.narrow(0, 0, n).to(ScalarType.Float64);
        var again = model.Logits(data.ImagesTensor(0, n)).to(ScalarType.Float64);
        double scale = Math.Max(1, first.abs().max().item<double>());
        var rowDiff = (again - first).abs().amax(new long[] { 1 });
        double worst = rowDiff.max().item<double>();
        if (!(worst > ForwardTolerance * scale) && double.IsFinite(worst))
            return null;
        long rows = rowDiff.gt(ForwardTolerance * scale).logical_or(rowDiff.isfinite().logical_not()).sum().item<long>();
        return new SanityFlag(SanityCodes.NondeterministicForward, SanitySeverity.Warning, Invariant(
            $"two forward passes of the same first {n} images differ in {rows} of them (largest logit difference {worst:G3}, tolerance {ForwardTolerance:G1} x logit scale {scale:G3}): the model is not deterministic (dropout or batch normalisation left in train mode?), so attacks follow noise and the success rate is not reproducible"));
    }

    /// <summary>
    /// Counts attacked images whose input gradient of the margin loss at the clean point is all zero or not finite (cost: one
    /// forward and backward pass per attacked image, one FGSM step). Any such image is flagged: the margin of a network whose
    /// output depends on its input has a zero gradient only on a set of measure zero, so even one is a sign of masking.
    /// </summary>
    /// <param name="model">The classifier.</param>
    /// <param name="data">The evaluated images.</param>
    /// <param name="attacked">Indices of the attacked (correctly classified) images.</param>
    /// <param name="targets">Targets of every image for targeted attacks, or null.</param>
    /// <param name="batchSize">Images per pass.</param>
    public static SanityFlag? ZeroGradients(IClassifier model, ImageSet data, IReadOnlyList<int> attacked, long[]? targets, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(attacked);
        var bad = new List<int>();
        for (int start = 0; start < attacked.Count; start += batchSize)
        {
            var idx = attacked.Skip(start).Take(batchSize).ToArray();
            using var scope = NewDisposeScope();
            using var enable = enable_grad();
            var x = data.ImagesTensor(idx).requires_grad_(true);
            var classes = tensor(idx.Select(i => targets is null ? data.Labels[i] : targets[i]).ToArray());
            var logits = model.Logits(x);
            bool[] masked;
            if (!logits.requires_grad)
            {
                masked = Enumerable.Repeat(true, idx.Length).ToArray();
            }
            else
            {
                Losses.Objective(AttackLoss.Margin, logits, classes, targets is not null).sum().backward();
                if (x.grad is not { } g)
                {
                    masked = Enumerable.Repeat(true, idx.Length).ToArray();
                }
                else
                {
                    var flat = g.flatten(1);
                    var zero = flat.abs().amax(new long[] { 1 }).eq(0);
                    var nonFinite = flat.isfinite().all(1).logical_not();
                    masked = zero.logical_or(nonFinite).data<bool>().ToArray();
                }
            }
            bad.AddRange(idx.Where((_, k) => masked[k]));
        }
        if (bad.Count == 0)
            return null;
        return new SanityFlag(SanityCodes.ZeroGradients, SanitySeverity.Warning, Invariant(
            $"the input gradient of the margin loss is all zero or not finite at {bad.Count} of {attacked.Count} attacked images (first: image {bad[0]}): the model masks its gradient (rounding, detaching, saturation), so gradient attacks fail for the wrong reason and the success rate overstates robustness"));
    }

    /// <summary>
    /// For C&amp;W and EAD (minimal-distortion attacks without a budget: some perturbation always exists), flags attacked images
    /// left unbroken (cost: none, it reads the counts).
    /// </summary>
    public static SanityFlag? UnboundedNotTotal(IAttack attack, int attacked, int succeeded)
    {
        ArgumentNullException.ThrowIfNull(attack);
        bool unbounded = attack.Bound is null && attack.Name is CwAttack.AttackName or EadAttack.AttackName;
        if (!unbounded || succeeded >= attacked)
            return null;
        return new SanityFlag(SanityCodes.UnboundedNotTotal, SanitySeverity.Warning, Invariant(
            $"attack '{attack.Name}' has no budget, so every image has an adversarial example, yet it left {attacked - succeeded} of {attacked} attacked images unbroken: its search is too short for this model (more steps or binary-search rounds) or the gradient misleads it"));
    }

    /// <summary>
    /// For bounded attacks, tries <see cref="NoiseDraws"/> seeded uniform random perturbations of the attack's budget on each
    /// image the attack left unbroken (cost: that many forward passes per unbroken image, no gradients).
    /// </summary>
    /// <param name="model">The classifier.</param>
    /// <param name="data">The evaluated images.</param>
    /// <param name="attack">The attack (skipped unless it has a <see cref="IAttack.Bound"/> in L-inf, L2 or L1).</param>
    /// <param name="unbroken">Indices of attacked images the attack did not fool.</param>
    /// <param name="targets">Targets of every image for targeted attacks, or null.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <param name="batchSize">Images per pass.</param>
    public static SanityFlag? NoiseBeatsAttack(IClassifier model, ImageSet data, IAttack attack, IReadOnlyList<int> unbroken, long[]? targets, long seed, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(unbroken);
        if (attack.Bound is not { } bound || bound.Norm == Norm.L0 || unbroken.Count == 0)
            return null;
        var fooled = new List<int>();
        using var generator = new Generator((ulong)seed);
        for (int start = 0; start < unbroken.Count; start += batchSize)
        {
            var idx = unbroken.Skip(start).Take(batchSize).ToArray();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var x = data.ImagesTensor(idx);
            var fooledHere = new bool[idx.Length];
            for (int draw = 0; draw < NoiseDraws; draw++)
            {
                // Clamping to the box moves every pixel towards x, so every norm of the perturbation only shrinks: within budget.
                var noisy = (x + Noise(x, bound, generator)).clamp(0, 1);
                var predicted = Predictions.TopOne(model.Logits, noisy);
                for (int k = 0; k < idx.Length; k++)
                {
                    int i = idx[k];
                    fooledHere[k] |= targets is null ? predicted[k] != data.Labels[i] : predicted[k] == targets[i];
                }
            }
            fooled.AddRange(idx.Where((_, k) => fooledHere[k]));
        }
        if (fooled.Count == 0)
            return null;
        return new SanityFlag(SanityCodes.NoiseBeatsAttack, SanitySeverity.Warning, Invariant(
            $"uniform random noise within the budget ({bound.Norm} {bound.Epsilon:G4}, {NoiseDraws} draws per image) fooled {fooled.Count} of the {unbroken.Count} images attack '{attack.Name}' left unbroken (first: image {fooled[0]}): the gradient attack is weaker than chance here (masked gradients or too few steps)"));
    }

    /// <summary>
    /// For bounded attacks with an "epsilon" (pgd, fgsm) or a single-budget "initialEpsilon" (ifgsm with one attempt), attacks
    /// the first <see cref="MonotoneSample"/> unbroken images again with half the budget; a verified success there is an
    /// adversarial example inside the full budget that the full attack missed, so success fell as the budget grew (cost: the
    /// attack on at most that many images).
    /// </summary>
    /// <param name="model">The classifier.</param>
    /// <param name="data">The evaluated images.</param>
    /// <param name="attack">The attack.</param>
    /// <param name="unbroken">Indices of attacked images the attack did not fool.</param>
    /// <param name="targets">Targets of every image for targeted attacks, or null.</param>
    /// <param name="seed">Seed of the re-run.</param>
    public static SanityFlag? SuccessNotMonotone(IClassifier model, ImageSet data, IAttack attack, IReadOnlyList<int> unbroken, long[]? targets, long seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(unbroken);
        if (attack.Bound is not { } bound || unbroken.Count == 0 || HalfBudget(attack, bound) is not { } half)
            return null;
        var idx = unbroken.Take(MonotoneSample).ToArray();
        using var scope = NewDisposeScope();
        var x = data.ImagesTensor(idx);
        var y = tensor(idx.Select(i => data.Labels[i]).ToArray());
        var t = targets is null ? null : tensor(idx.Select(i => targets[i]).ToArray());
        using var output = half.Run(new AttackBatch(model, x, y, t, seed));
        var predicted = Predictions.TopOne(model.Logits, output.Adversarial.detach().clamp(0, 1));
        var fooled = idx.Where((i, k) => targets is null ? predicted[k] != data.Labels[i] : predicted[k] == targets[i]).ToList();
        if (fooled.Count == 0)
            return null;
        return new SanityFlag(SanityCodes.SuccessNotMonotone, SanitySeverity.Warning, Invariant(
            $"attack '{attack.Name}' with half its budget ({bound.Norm} {bound.Epsilon / 2:G4}) fooled {fooled.Count} of {idx.Length} images it left unbroken at {bound.Epsilon:G4} (first: image {fooled[0]}): success fell as the budget grew, so the full-budget attack is not converging (step size, steps, or a misleading gradient)"));
    }

    private static IAttack? HalfBudget(IAttack attack, AttackBound bound)
    {
        var definition = attack.Settings.Definition;
        var option = definition.Options.FirstOrDefault(o => o.Name == "epsilon") ?? definition.Options.FirstOrDefault(o => o.Name == "initialEpsilon");
        if (option is null)
            return null;
        try
        {
            var half = definition.Describe(option.Set(attack.Settings.Options, bound.Epsilon / 2)).Create();
            return half.Bound is { } b && b.Norm == bound.Norm && b.Epsilon < bound.Epsilon ? half : null;
        }
        catch (AttackOptionException)
        {
            return null;
        }
    }

    private static Tensor Noise(Tensor x, AttackBound bound, Generator generator)
    {
        double eps = bound.Epsilon;
        switch (bound.Norm)
        {
            case Norm.Linf:
                return (rand(x.shape, generator: generator) * 2 - 1) * eps;
            case Norm.L2:
            {
                var g = randn(x.shape, generator: generator);
                return Gradients.NormalizeL2(g) * eps;
            }
            default:
            {
                // L1: random signs times exponential magnitudes, scaled to L1 norm eps (uniform on the L1 sphere).
                var magnitude = -log(rand(x.shape, generator: generator).clamp_min(1e-12));
                var signs = rand(x.shape, generator: generator).lt(0.5).to(x.dtype) * 2 - 1;
                var d = magnitude * signs;
                var l1 = d.flatten(1).abs().sum(1).clamp_min(1e-12).view(Gradients.ShapeForBroadcast(d));
                return d / l1 * eps;
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
