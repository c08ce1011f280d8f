using static TorchSharp.torch;

namespace RobustnessGate.Evaluation;

/// <summary>Checks on model outputs (the AutoAttack-style sanity check that the model returns logits).</summary>
public static class OutputChecks
{
    /// <summary>Row sums within this of 1 count as normalised: float32 softmax sums are within ~1e-6 of 1; logits essentially never are.</summary>
    public const double SumTolerance = 1e-3;

    /// <summary>True when every row lies in [0, 1] and sums to 1: the outputs are probabilities, not logits.</summary>
    public static bool LooksLikeProbabilities(Tensor outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        using var scope = NewDisposeScope();
        var o = outputs.to(ScalarType.Float64);
        if (o.shape[0] == 0)
            return false;
        bool inRange = o.min().item<double>() >= 0 && o.max().item<double>() <= 1;
        if (!inRange)
            return false;
        var deviation = (o.sum(1) - 1).abs().max().item<double>();
        return deviation <= SumTolerance;
    }
}
