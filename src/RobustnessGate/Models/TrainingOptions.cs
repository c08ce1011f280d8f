namespace RobustnessGate.Models;

/// <summary>Settings of the deterministic trainer. Same settings, same thread count: same weights, bit for bit.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="BatchSize">Images per Adam step.</param>
/// <param name="LearningRate">Adam learning rate.</param>
/// <param name="Seed">Seeds the initial weights and the per-epoch shuffle.</param>
/// <param name="Threads">Intra-op threads; changing it changes the result bits.</param>
/// <param name="LearningRateDecay">
/// Factor applied to the learning rate after every epoch (exponential decay); 1 keeps it constant, as for lenet.
/// </param>
public sealed record TrainingOptions(int Epochs = 5, int BatchSize = 64, double LearningRate = 1e-3, long Seed = 1215, int Threads = 2,
    double LearningRateDecay = 1.0)
{
    /// <summary>Checks ranges.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be at least 1");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be at least 1");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "learning rate must be positive");
        if (!(LearningRateDecay > 0 && LearningRateDecay <= 1)) throw new ArgumentOutOfRangeException(nameof(LearningRateDecay), LearningRateDecay, "learning rate decay must be in (0, 1]");
        if (Threads < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "threads must be at least 1");
    }
}
