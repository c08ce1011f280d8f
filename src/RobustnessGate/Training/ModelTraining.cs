using RobustnessGate.Persistence;
using RobustnessGate.Data;
using RobustnessGate.Runtime;
using RobustnessGate.Models;

namespace RobustnessGate.Training;

/// <summary>Trains a built-in model with its recorded settings, saves it and records it in the manifest.</summary>
public static class ModelTraining
{
    /// <summary>The outcome: the manifest entry and how it compares with the previous one.</summary>
    /// <param name="Entry">The new manifest entry.</param>
    /// <param name="Comparison">"identical to ..." or "differs from ..." text.</param>
    /// <param name="Identical">True when the weights equal, bit for bit, those of the previous manifest entry.</param>
    /// <param name="TrainingTime">Wall time of training and scoring (machine dependent, so not in the manifest).</param>
    /// <param name="WeightsBytes">Size of the written weights file.</param>
    public sealed record Outcome(ModelManifestEntry Entry, string Comparison, bool Identical, TimeSpan TrainingTime, long WeightsBytes)
    {
        /// <summary>Test accuracy.</summary>
        public double TestAccuracy => Entry.TestAccuracy;

        /// <summary>Parameter count.</summary>
        public long Parameters => Entry.Parameters;

        /// <summary>Weights fingerprint.</summary>
        public string Sha256 => Entry.Sha256;
    }

    /// <summary>Trains <paramref name="model"/> from its seed and writes weights and manifest into <paramref name="directory"/>.</summary>
    public static Outcome Train(BuiltInModel model, ImageSet train, ImageSet test, string directory, int? epochs = null,
        Action<int, double>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var options = epochs is { } e ? model.Training with { Epochs = e } : model.Training;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TorchRuntime.Configure(options.Threads, options.Seed);
        using var module = model.Create();
        Trainer.Train(module, train, options, onEpoch is null ? null : new SynchronousProgress<(int Epoch, double Loss)>(p => onEpoch(p.Epoch, p.Loss)));
        foreach (var p in module.parameters())
            p.requires_grad = false;
        var accuracy = Predictions.Accuracy(module.call, test);
        var sha = ModuleClassifier.StateSha256(module);
        long parameters = module.parameters().Sum(p => p.numel());
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, model.WeightsFile);
        // A name unique to this process and call: two trainings into one folder never share a temporary file, and one
        // left by a killed process is recognised as stale (AtomicFile.RemoveStaleTemporaries).
        var tmp = AtomicFile.TemporaryPath(path);
        try
        {
            module.save(tmp);
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp))
                File.Delete(tmp);
        }
        var manifest = ModelManifest.Read(directory);
        var previous = manifest.Models.FirstOrDefault(m => m.Name == model.Name);
        var entry = new ModelManifestEntry(model.Name, model.Family, model.Description, model.WeightsFile, parameters, options,
            train.Count, accuracy, sha, EngineInfoFactory.Current(options.Threads).TorchSharp, model.Depth, model.Width, model.Series,
            CpuKernelSignature.Current);
        manifest.With(entry).Write(directory);
        clock.Stop();
        bool identical = previous is not null && previous.Sha256 == sha;
        var comparison = previous is null ? "new entry in the manifest"
            : identical ? "weights identical, bit for bit, to the previous manifest entry"
            : previous.CpuKernels == entry.CpuKernels
                ? $"weights differ from the previous manifest entry ({previous.Sha256}), trained with the same CPU kernels ({entry.CpuKernels})"
                : $"weights differ from the previous manifest entry ({previous.Sha256}); expected, since that entry was trained with other CPU kernels ({previous.CpuKernels}, now {entry.CpuKernels})";
        TorchRuntime.ReleaseFreedMemory();
        return new Outcome(entry, comparison, identical, clock.Elapsed, new FileInfo(path).Length);
    }
}
