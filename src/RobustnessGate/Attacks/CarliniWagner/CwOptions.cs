namespace RobustnessGate.Attacks.CarliniWagner;

/// <summary>
/// Carlini &amp; Wagner's L2 attack as Su et al. ran it (section 5.3): x' = (tanh(w + atanh((2x - 1) * 0.9999995)) + 1) / 2,
/// minimise ||x' - x||^2 + c * f(x') with f the logit margin with confidence kappa, hand-written Adam (beta1 0.9,
/// beta2 0.999, epsilon 1e-8 inside the square root, bias-corrected, state reset every binary step), per-example binary
/// search on c, and the successful iterate of smallest L2 kept over all steps.
/// </summary>
/// <param name="BinarySteps">Binary-search steps on c. Paper: 9.</param>
/// <param name="Iterations">Adam iterations per binary step. Paper: 1000.</param>
/// <param name="LearningRate">
/// Adam learning rate. Default 2e-3: the README passes --lr 0.001, but the reference code never forwards it, so its module
/// default 2e-3 is what ran. 1e-2 gets closer to the true minimum within 1000 iterations (see the linear-model tests).
/// </param>
/// <param name="InitialConst">First c. Paper: 0.01 (Carlini's own default is 1e-3).</param>
/// <param name="Confidence">kappa: the margin the adversarial logit must win by. Paper: 0.</param>
/// <param name="AbortEarly">
/// Stop an example's binary step when its loss has not fallen below 0.9999 of its value 10 % of the iterations earlier
/// (checked every Iterations / 10). Paper: on. Aborted examples stop costing compute for the rest of that step.
/// </param>
/// <param name="WarmStart">
/// Start each binary step from the previous step's w instead of w = 0. The reference code does this (a deviation from
/// Carlini's original, which resets w); default on to match it. Off gives Carlini's original behaviour.
/// </param>
/// <param name="Adam">
/// Where Adam's epsilon goes. Default <see cref="CwAdam.Reference"/> (Su et al.'s code); <see cref="CwAdam.TensorFlow"/> is
/// Carlini's original, which can move pixels that sit exactly on the box edges (see <see cref="CwAdam"/>).
/// </param>
/// <param name="Candidates">
/// Untargeted runs only: also attack the k classes with the highest clean logits as targets and keep per image the successful
/// example of smallest distortion (0, the paper: the untargeted run alone). Costs k + 1 runs.
/// </param>
public sealed record CwOptions(int BinarySteps = 9, int Iterations = 1000, double LearningRate = 2e-3, double InitialConst = 0.01,
    double Confidence = 0, bool AbortEarly = true, bool WarmStart = true, CwAdam Adam = CwAdam.Reference, int Candidates = 0);
