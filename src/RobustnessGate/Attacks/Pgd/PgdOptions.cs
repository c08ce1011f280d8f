namespace RobustnessGate.Attacks.Pgd;

/// <summary>
/// Projected gradient descent (Madry et al. 2018; "BIM"/I-FGSM with a fixed budget when the random start is off):
/// x_{t+1} = Proj_{ball(x, eps) and [0,1]}(x_t + alpha * sign(grad)) for L-inf, or with grad / ||grad||_2 for L2.
/// Returns the last iterate.
/// </summary>
/// <param name="Epsilon">Budget in [0, 1] pixel units. Default 0.3 (Madry's MNIST setting).</param>
/// <param name="Steps">Iterations. Default 40 (AdverTorch's MNIST benchmark).</param>
/// <param name="StepSize">Step alpha. Default 0.01.</param>
/// <param name="RandomStart">Start from a uniform random point of the ball (seeded per batch). Default false.</param>
/// <param name="Norm">Linf or L2. Default Linf.</param>
/// <param name="Loss">Objective. Default cross-entropy; <see cref="AttackLoss.Margin"/> is the C&amp;W-style margin.</param>
public sealed record PgdOptions(double Epsilon = 0.3, int Steps = 40, double StepSize = 0.01, bool RandomStart = false,
    Norm Norm = Norm.Linf, AttackLoss Loss = AttackLoss.CrossEntropy);
