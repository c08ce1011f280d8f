using RobustnessGate.Data;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RobustnessSpecs.Attacks;

/// <summary>
/// z = W x + b on flattened 28 x 28 digits: a logistic regression trained (seeded, 2 threads, full-batch Adam) on the first
/// 500 built-in training digits, so that margins are those of a real classifier. Its float32 weights are also kept in
/// double for <see cref="LinearOracle"/>.
/// </summary>
public sealed class LinearModel : IDisposable
{
    /// <summary>The exact-answer fixture's model: seed 1215, the first 500 training digits, Adam 0.01, 300 epochs.</summary>
    public LinearModel()
        : this(seed: 1215, trainCount: 500, epochs: 300, learningRate: 0.01)
    {
    }

    /// <summary>Another linear model: more digits, a larger rate and more epochs give larger weights and smaller margins.</summary>
    public LinearModel(long seed, int trainCount, int epochs, double learningRate)
    {
        TorchRuntime.Configure(2, seed: seed);
        var train = BuiltInData.Load(BuiltInData.TrainName).Take(trainCount);
        var net = nn.Sequential(nn.Flatten(), nn.Linear(784, 10));
        using (var x = train.ImagesTensor())
        using (var y = train.LabelsTensor())
        using (var opt = optim.Adam(net.parameters(), learningRate))
        {
            for (int e = 0; e < epochs; e++)
            {
                using var scope = NewDisposeScope();
                opt.zero_grad();
                nn.functional.cross_entropy(net.call(x), y).backward();
                opt.step();
            }
        }
        var linear = (Linear)net[1];
        using (var w = linear.weight!.detach().to(ScalarType.Float64))
            Weights = w.data<double>().ToArray();
        using (var b = linear.bias!.detach().to(ScalarType.Float64))
            Bias = b.data<double>().ToArray();
        Classifier = new ModuleClassifier("linear", net, new InputShape(1, 28, 28));
    }

    /// <summary>The model as attacks see it.</summary>
    public IClassifier Classifier { get; }

    /// <summary>W, 10 x 784 row-major, exactly the float32 values the model uses.</summary>
    public double[] Weights { get; }

    /// <summary>b, 10 values.</summary>
    public double[] Bias { get; }

    public LinearOracle Oracle => new(Weights, Bias, 10, 784);

    public void Dispose() => Classifier.Dispose();
}
