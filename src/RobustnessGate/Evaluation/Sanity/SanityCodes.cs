namespace RobustnessGate.Evaluation.Sanity;

/// <summary>The codes of the sanity checks (README, "Sanity checks").</summary>
public static class SanityCodes
{
    /// <summary>Error: NaN or infinite clean logits; the evaluation is refused before any attack.</summary>
    public const string NonFiniteLogits = "non-finite-logits";

    /// <summary>Warning: two forward passes of the same first batch differ (dropout or batch statistics left in train mode).</summary>
    public const string NondeterministicForward = "nondeterministic-forward";

    /// <summary>Warning: the input gradient of the margin loss at a clean image is all zero or non-finite (gradient masking).</summary>
    public const string ZeroGradients = "zero-gradients";

    /// <summary>Warning: a minimal-distortion attack without a budget left attacked images unbroken.</summary>
    public const string UnboundedNotTotal = "unbounded-not-total";

    /// <summary>Warning: uniform random noise of the attack's budget fools images the gradient attack did not.</summary>
    public const string NoiseBeatsAttack = "noise-beats-attack";

    /// <summary>Warning: the same attack with half the budget fools images the full budget did not.</summary>
    public const string SuccessNotMonotone = "success-not-monotone";

    /// <summary>Every code, in the order the checks run.</summary>
    public static IReadOnlyList<string> All { get; } =
        [NonFiniteLogits, NondeterministicForward, ZeroGradients, UnboundedNotTotal, NoiseBeatsAttack, SuccessNotMonotone];

    /// <summary>The codes a threshold file may accept (warnings only: an error is never accepted, the evaluation is refused).</summary>
    public static IReadOnlyList<string> Warnings { get; } = All.Where(c => c != NonFiniteLogits).ToArray();
}
