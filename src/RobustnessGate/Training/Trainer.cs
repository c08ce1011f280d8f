using RobustnessGate.Data;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace RobustnessGate.Training;

/// <summary>Deterministic supervised trainer: Adam on cross-entropy, per-epoch shuffles from a seeded generator.</summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="model"/> in place; returns the mean training loss of each epoch.</summary>
    /// <param name="model">The module to train (weights already initialised from the same seed for bit-exact repeats).</param>
    /// <param name="train">Training images.</param>
    /// <param name="options">Settings.</param>
    /// <param name="progress">Optional per-epoch report (epoch, mean loss).</param>
    public static IReadOnlyList<double> Train(nn.Module<Tensor, Tensor> model, ImageSet train, TrainingOptions options, IProgress<(int Epoch, double Loss)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TorchRuntime.Configure(options.Threads);
        using var images = train.ImagesTensor();
        using var labels = train.LabelsTensor();
        using var generator = new Generator((ulong)options.Seed);
        model.train();
        foreach (var p in model.parameters())
            p.requires_grad = true;
        using var optimizer = optim.Adam(model.parameters(), options.LearningRate);
        // No scheduler at all for a constant rate, so settings recorded before decay existed train exactly as before.
        var scheduler = options.LearningRateDecay < 1 ? optim.lr_scheduler.ExponentialLR(optimizer, options.LearningRateDecay) : null;
        var losses = new List<double>();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            using var order = randperm(train.Count, generator: generator);
            double sum = 0;
            int batches = 0;
            for (int start = 0; start < train.Count; start += options.BatchSize)
            {
                using var scope = NewDisposeScope();
                var idx = order.narrow(0, start, Math.Min(options.BatchSize, train.Count - start));
                optimizer.zero_grad();
                var loss = F.cross_entropy(model.call(images.index_select(0, idx)), labels.index_select(0, idx));
                loss.backward();
                optimizer.step();
                sum += loss.item<float>();
                batches++;
            }
            scheduler?.step();
            losses.Add(sum / batches);
            progress?.Report((epoch, sum / batches));
        }
        model.eval();
        return losses;
    }
}
