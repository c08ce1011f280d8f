using System.Collections.Concurrent;
using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;

namespace RobustnessSpecs.Attacks;

/// <summary>
/// The linear model, the first <see cref="Count"/> test digits, their exact minimal distances, and evaluation results
/// cached by a key so that several tests can assert on one run.
/// </summary>
public class LinearFixture : IDisposable
{
    public const int Count = 100;

    private readonly ConcurrentDictionary<string, EvaluationResult> _results = new(StringComparer.Ordinal);

    public LinearFixture()
        : this(new LinearModel())
    {
    }

    protected LinearFixture(LinearModel model)
    {
        Model = model;
        Data = BuiltInData.Load(BuiltInData.TestName).Take(Count);
        var oracle = Model.Oracle;
        Exact = Enumerable.Range(0, Count).Select(i => oracle.Untargeted(Data.Pixels(i), Data.Labels[i])).ToArray();
    }

    public LinearModel Model { get; }

    public LinearOracle Oracle => Model.Oracle;

    public ImageSet Data { get; }

    /// <summary>Exact untargeted minimal distances per image (meaningful for correctly classified ones).</summary>
    public (double L2, double Linf, double L1)[] Exact { get; }

    public EvaluationResult Run(string key, IAttack attack, int batchSize = 100) =>
        _results.GetOrAdd(key, _ => Evaluator.Run(Model.Classifier, Data, attack, new EvaluationOptions(BatchSize: batchSize)));

    public void Dispose()
    {
        Model.Dispose();
        GC.SuppressFinalize(this);
    }
}
