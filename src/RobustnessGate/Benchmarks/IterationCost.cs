namespace RobustnessGate.Benchmarks;

/// <summary>Per-iteration cost of one attack on one model and batch, next to the floor (a bare forward+backward).</summary>
/// <param name="Attack">Attack (and variant) measured.</param>
/// <param name="Model">Model name.</param>
/// <param name="BatchSize">Images per batch.</param>
/// <param name="Iterations">Iterations timed per round.</param>
/// <param name="MillisecondsPerIteration">Fastest round; lower is better.</param>
/// <param name="ImagesPerSecond">Image-iterations per second: batch size / time per iteration; higher is better.</param>
/// <param name="FloorMillisecondsPerIteration">Bare forward+backward of the same model on the same batch, fastest round.</param>
/// <param name="RatioToFloor">Median over rounds of attack time per iteration / floor time timed just before it; lower is better, 1 is the floor.</param>
public sealed record IterationCost(string Attack, string Model, int BatchSize, int Iterations, double MillisecondsPerIteration,
    double ImagesPerSecond, double FloorMillisecondsPerIteration, double RatioToFloor);
