using System.Security.Cryptography;
using RobustnessGate.Data;
using RobustnessGate.Runtime;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace RobustnessGate.Models;

/// <summary>Loads classifiers: built-in models by name, TorchScript files exported from PyTorch by path.</summary>
public static class ModelLoader
{
    /// <summary>The folder of the shipped weights and their manifest.</summary>
    public static string ModelsDirectory => BuiltInFiles.Find("models", ModelManifest.FileName);

    /// <summary>Loads a built-in model (by name) or a TorchScript file (by path).</summary>
    /// <param name="spec">A built-in name such as "lenet", or the path of a TorchScript file.</param>
    /// <param name="normalization">Optional mean/std applied inside the wrapper (TorchScript models only; built-ins take [0, 1]).</param>
    public static IClassifier Load(string spec, Normalization? normalization = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        if (KnownModels.Find(spec) is { } builtIn && !File.Exists(spec))
        {
            if (normalization is not null)
                throw new ArgumentException($"built-in model '{builtIn.Name}' takes [0, 1] pixels and has its own preprocessing; a normalisation (mean/std) applies to TorchScript files only");
            return LoadBuiltIn(builtIn);
        }
        if (!File.Exists(spec))
        {
            var names = string.Join(", ", KnownModels.All.Select(m => m.Name));
            var found = Directory.Exists(spec) ? "a folder" : "no file";
            throw new FileNotFoundException($"model '{spec}' is neither a file nor a built-in model: expected a TorchScript file or a built-in model ({names}), found {found}", spec);
        }
        return LoadTorchScript(spec, normalization);
    }

    /// <summary>Loads the shipped weights of <paramref name="model"/> and checks them against the manifest fingerprint.</summary>
    public static ModuleClassifier LoadBuiltIn(BuiltInModel model, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        directory ??= ModelsDirectory;
        var path = Path.Combine(directory, model.WeightsFile);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: weights of built-in model '{model.Name}' are missing; rebuild them by training '{model.Name}' (ModelTraining.Train)", path);
        TorchRuntime.Configure();
        var module = model.Create();
        try
        {
            module.load(path);
        }
        catch (ArgumentException e)
        {
            module.Dispose();
            throw new InvalidDataException($"{path}: does not hold weights of the '{model.Name}' architecture ({e.Message})", e);
        }
        var sha = ModuleClassifier.StateSha256(module);
        var entry = ModelManifest.Read(directory).Models.FirstOrDefault(m => m.Name == model.Name);
        if (entry is not null && entry.Sha256 != sha)
        {
            module.Dispose();
            throw new InvalidDataException($"{path}: weights fingerprint {sha} differs from field 'sha256' = {entry.Sha256} of model '{model.Name}' in {Path.Combine(directory, ModelManifest.FileName)}");
        }
        return new ModuleClassifier(model.Name, module, model.InputShape, null, sha);
    }

    /// <summary>Loads a TorchScript file written by PyTorch (torch.jit.script/trace, then .save).</summary>
    public static ModuleClassifier LoadTorchScript(string path, Normalization? normalization = null, InputShape? inputShape = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // torch.jit.load on a non-archive can end in a native abort on some builds; check the zip magic first.
        using (var f = File.OpenRead(path))
        {
            Span<byte> head = stackalloc byte[4];
            int read = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (read != 4 || head[0] != (byte)'P' || head[1] != (byte)'K')
            {
                var found = read == 0 ? "an empty file" : "the bytes " + Convert.ToHexString(head[..read]);
                throw new InvalidDataException($"{path}: not a TorchScript file: expected a zip archive written by torch.jit.save, starting with 'PK' (50 4B), found {found}");
            }
        }
        TorchRuntime.Configure();
        string sha;
        using (var stream = File.OpenRead(path))
            sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        jit.ScriptModule<Tensor, Tensor> module;
        try
        {
            module = jit.load<Tensor, Tensor>(path);
        }
        catch (Exception e) when (e is ExternalException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: TorchScript load failed: {FirstLine(e.Message)}", e);
        }
        // With a normalisation the classifier is the graph behind (x - mean) / std: its fingerprint covers both, so the
        // gate's result cache and approved snapshots tell one normalisation from another.
        return new ModuleClassifier(Path.GetFileName(path), module, x => Forward(module, x), inputShape, normalization,
            normalization is null ? sha : normalization.Fingerprint(sha));
    }

    /// <summary>
    /// TorchSharp casts forward's result to a tensor: a tuple ends in an InvalidCastException, a dict in an index error of
    /// its converter. Both become an InvalidCastException naming the output, which the evaluator turns into a contract error.
    /// </summary>
    private static Tensor Forward(jit.ScriptModule<Tensor, Tensor> module, Tensor x)
    {
        try
        {
            return module.call(x);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidCastException($"TorchSharp could not convert the output of forward to a tensor: a Dictionary or another container ({e.Message})", e);
        }
    }

    /// <summary>The first line of a native error message (the rest is C++ frames).</summary>
    internal static string FirstLine(string message) =>
        message.Split('\n', 2)[0].Trim();
}
