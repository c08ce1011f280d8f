namespace RobustnessGate.Benchmarks;

/// <summary>What <see cref="AttackBenchmark"/> measures.</summary>
/// <param name="Attacks">Attacks for the per-iteration table: pgd, cw, ead, ead-after-success, ead-score-10, ifgsm. Default all six.</param>
/// <param name="Count">Batch size (first test images). Default 100.</param>
/// <param name="Iterations">Iterations timed per round and attack. Default 100.</param>
/// <param name="Rounds">Rounds; each item reports its fastest round, which filters out other processes on a shared machine. Default 5.</param>
/// <param name="FullRuns">Also run C&amp;W and EAD at the paper budget on <see cref="Count"/> images (minutes). Default false.</param>
/// <param name="Threads">libtorch intra-op threads; null: <see cref="Runtime.TorchRuntime.DefaultThreads"/> (2 unless ROBUSTNESSGATE_THREADS says otherwise), as every other command.</param>
public sealed record BenchmarkOptions(IReadOnlyList<string>? Attacks = null, int Count = 100, int Iterations = 100, int Rounds = 5, bool FullRuns = false,
    int? Threads = null)
{
    /// <summary>The attacks the table covers by default.</summary>
    public static IReadOnlyList<string> DefaultAttacks { get; } = ["pgd", "cw", "ead", "ead-after-success", "ead-score-10", "ifgsm"];
}
