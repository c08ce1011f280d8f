namespace RobustnessGate.Evaluation;

/// <summary>One image's outcome. Norms are null for images that were not attacked or where the attack failed.</summary>
/// <param name="Index">Index in the data set.</param>
/// <param name="Label">True label.</param>
/// <param name="Target">Target class (null when untargeted).</param>
/// <param name="CleanPrediction">Top-1 class of the clean image.</param>
/// <param name="AdversarialPrediction">Top-1 class of the returned example (null when not attacked).</param>
/// <param name="Attacked">Whether the image was attacked (it was correctly classified).</param>
/// <param name="Success">Whether the attack succeeded, verified by a fresh forward pass.</param>
/// <param name="L0">Changed elements.</param>
/// <param name="L1">L1 distortion.</param>
/// <param name="L2">L2 distortion.</param>
/// <param name="Linf">L-infinity distortion.</param>
/// <param name="Extra">Attack-specific values (e.g. the smallest successful epsilon).</param>
public sealed record ExampleResult(int Index, long Label, long? Target, long CleanPrediction, long? AdversarialPrediction,
    bool Attacked, bool Success, double? L0, double? L1, double? L2, double? Linf, IReadOnlyDictionary<string, double?>? Extra = null);
