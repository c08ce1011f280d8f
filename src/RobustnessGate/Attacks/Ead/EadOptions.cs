namespace RobustnessGate.Attacks.Ead;

/// <summary>
/// EAD, the elastic-net attack of Chen et al. (AAAI 2018), as Su et al. ran it (section 5.4): FISTA on
/// c * f(y) + ||y - x||_2^2 with the shrinkage-thresholding projection S_beta onto [0, 1], momentum k / (k + 3), plain
/// gradient steps with square-root polynomial decay of the learning rate to 0, state reset every binary step, the same
/// per-example binary search on c as C&amp;W, and early abort on the elastic-net loss.
/// </summary>
/// <param name="BinarySteps">Binary-search steps on c. Paper: 9.</param>
/// <param name="Iterations">FISTA iterations per binary step. Paper: 1000.</param>
/// <param name="LearningRate">Initial step size, decayed as lr * sqrt(1 - k / Iterations). Paper: 1e-2 (the module default that ran).</param>
/// <param name="InitialConst">First c. Paper: 0.01.</param>
/// <param name="Confidence">kappa. Paper: 0.</param>
/// <param name="Beta">L1 weight and shrinkage threshold. Paper: 1e-3 (Foolbox uses 1e-2).</param>
/// <param name="DecisionRule">Which successful iterate is returned. Paper: L1.</param>
/// <param name="AbortEarly">Stop an example's step when its loss stalls (checked every Iterations / 10, ratio 0.9999). Paper: on.</param>
/// <param name="ScoreEvery">
/// Score the new iterate (a second, forward-only pass that decides whether it is a better adversarial example) every this
/// many iterations, and always at early-abort checkpoints and on a step's last iteration. Paper and default: 1, every
/// iterate, as the reference code does; results then equal the reference's. Larger values are a documented deviation that
/// trades candidates for speed: an iterate that is never scored can be neither returned nor count as the step's success.
/// </param>
/// <param name="Candidates">
/// Untargeted runs only: also attack the k classes with the highest clean logits as targets and keep per image the successful
/// example of smallest distortion (0, the paper: the untargeted run alone). Costs k + 1 runs.
/// </param>
public sealed record EadOptions(int BinarySteps = 9, int Iterations = 1000, double LearningRate = 1e-2, double InitialConst = 0.01,
    double Confidence = 0, double Beta = 1e-3, EadDecisionRule DecisionRule = EadDecisionRule.L1, bool AbortEarly = true, int ScoreEvery = 1, int Candidates = 0);
