namespace RobustnessGate.Attacks.IterativeFgsm;

/// <summary>
/// I-FGSM with Su et al.'s per-image search for the smallest successful budget (section 5.2). For a budget eps it takes
/// <see cref="Iterations"/> steps x' = clip_[0,1](x_t + eps / Iterations * sign(grad)), x_{t+1} = x + clip(x' - x, -eps, eps),
/// and judges only the final iterate. The search starts at <see cref="InitialEpsilon"/>; after a success eps moves halfway
/// to the last failure (or halves when there was none), after a failure halfway to the last success (or doubles), for
/// <see cref="Attempts"/> tries in all; the last (hence smallest) successful example is returned.
/// </summary>
/// <param name="InitialEpsilon">First budget, [0, 1] pixel units. Paper (README "optimal budget" run): 0.02.</param>
/// <param name="Attempts">Budgets tried per image. Paper: 9. With 1 this is plain I-FGSM at a fixed budget (README: 0.2, 1 attempt).</param>
/// <param name="Iterations">Steps per attempt, each of size eps / Iterations. Paper: 50.</param>
/// <param name="Loss">
/// Objective. Paper: <see cref="AttackLoss.Logit"/> (--use_zvalue: ascend -z_y, or z_t when targeted). <see cref="AttackLoss.Margin"/>
/// (C&amp;W-style) usually finds smaller budgets.
/// </param>
/// <param name="Candidates">
/// Untargeted runs only: also attack the k classes with the highest clean logits as targets and keep per image the successful
/// example of smallest distortion (0, the paper: the untargeted run alone). Costs k + 1 runs.
/// </param>
public sealed record IfgsmOptions(double InitialEpsilon = 0.02, int Attempts = 9, int Iterations = 50, AttackLoss Loss = AttackLoss.Logit, int Candidates = 0);
