namespace RobustnessGate.Attacks.Fgsm;

/// <summary>
/// Fast Gradient Sign Method (Goodfellow et al. 2015): one step x' = clip(x + epsilon * sign(grad)) for L-inf, or
/// x' = clip(x + epsilon * grad / ||grad||_2) for the L2 variant ("fast gradient method").
/// </summary>
/// <param name="Epsilon">Step size and budget, in [0, 1] pixel units. Su et al. use 0.3 (their README); default 0.3.</param>
/// <param name="Norm">Linf (the paper's default, --ord inf) or L2.</param>
/// <param name="Loss">
/// Objective. Default cross-entropy (standard FGSM, identical to PyTorch's tutorial implementation). Su et al.'s code with
/// --use_zvalue ascends the negative true-class logit: use <see cref="AttackLoss.Logit"/> to reproduce it.
/// </param>
public sealed record FgsmOptions(double Epsilon = 0.3, Norm Norm = Norm.Linf, AttackLoss Loss = AttackLoss.CrossEntropy);
