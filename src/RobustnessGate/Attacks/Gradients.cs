using RobustnessGate.Models;
using static TorchSharp.torch;

namespace RobustnessGate.Attacks;

/// <summary>Input gradients. Uses backward + x.grad rather than autograd.grad, whose misuse aborts the process with an uncatchable native error (TorchSharp 0.107, e.g. a non-scalar output without grad_outputs).</summary>
public static class Gradients
{
    /// <summary>Gradient of the summed per-example objective with respect to <paramref name="x"/>, and the logits at x (both detached).</summary>
    public static (Tensor Gradient, Tensor Logits) Of(IClassifier model, Tensor x, Func<Tensor, Tensor> objective)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(objective);
        using var scope = NewDisposeScope();
        using var enable = enable_grad();
        var xa = x.detach().clone().requires_grad_(true);
        var logits = model.Logits(xa);
        var total = objective(logits).sum();
        total.backward();
        var grad = xa.grad ?? throw new InvalidOperationException($"model '{model.Name}' produced no input gradient: its output does not depend on the input");
        return (grad.detach().clone().MoveToOuterDisposeScope(), logits.detach().MoveToOuterDisposeScope());
    }

    /// <summary>Per-example L2 normalisation of a gradient: g / ||g||_2 (zero rows stay zero).</summary>
    public static Tensor NormalizeL2(Tensor g)
    {
        ArgumentNullException.ThrowIfNull(g);
        using var scope = NewDisposeScope();
        var norms = g.flatten(1).norm(1, keepdim: true, p: 2).clamp_min(1e-12);
        return (g / norms.view(ShapeForBroadcast(g))).MoveToOuterDisposeScope();
    }

    /// <summary>Per-example projection onto the L2 ball of radius <paramref name="epsilon"/>.</summary>
    public static Tensor ProjectL2(Tensor delta, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(delta);
        using var scope = NewDisposeScope();
        var norms = delta.flatten(1).norm(1, keepdim: true, p: 2);
        var factor = (epsilon / norms.clamp_min(1e-12)).clamp_max(1.0);
        return (delta * factor.view(ShapeForBroadcast(delta))).MoveToOuterDisposeScope();
    }

    /// <summary>N x 1 x 1 x ... for broadcasting a per-example scalar over an example.</summary>
    public static long[] ShapeForBroadcast(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var shape = new long[t.dim()];
        Array.Fill(shape, 1L);
        shape[0] = t.shape[0];
        return shape;
    }
}
