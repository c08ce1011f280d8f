namespace RobustnessGate.Attacks.CarliniWagner;

/// <summary>Where Adam's epsilon (1e-8) enters the step. Both use the bias correction lr * sqrt(1 - beta2^t) / (1 - beta1^t).</summary>
public enum CwAdam
{
    /// <summary>
    /// Su et al.'s hand-written Adam: m / sqrt(v + 1e-8). The epsilon floors the denominator at 1e-4, so coordinates with
    /// gradients far below 1e-4 barely move; with the tanh change of variables that freezes pixels lying exactly at 0 or 1
    /// (their gradient is scaled by 1 - tanh^2, about 1e-6), which on MNIST is most of the image.
    /// </summary>
    Reference,

    /// <summary>TensorFlow's AdamOptimizer, which Carlini's original code uses: m / (sqrt(v) + 1e-8). Saturated pixels still move.</summary>
    TensorFlow,
}
