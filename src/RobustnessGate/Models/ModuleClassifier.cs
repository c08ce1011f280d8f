using System.Security.Cryptography;
using static TorchSharp.torch;

namespace RobustnessGate.Models;

/// <summary>
/// Wraps a TorchSharp module (or a TorchScript module loaded with torch.jit.load) as an <see cref="IClassifier"/>:
/// eval mode, frozen parameters, optional normalisation inside.
/// </summary>
public sealed class ModuleClassifier : IClassifier
{
    private readonly nn.Module _module;
    private readonly Func<Tensor, Tensor> _forward;
    private readonly Tensor? _mean;
    private readonly Tensor? _std;

    /// <summary>Wraps <paramref name="module"/>. The module is switched to eval mode and its parameters are frozen.</summary>
    /// <param name="name">Display name.</param>
    /// <param name="module">The network (takes normalised input, returns logits).</param>
    /// <param name="inputShape">Declared input shape, if known.</param>
    /// <param name="normalization">Optional normalisation applied before the module.</param>
    /// <param name="sha256">Fingerprint; when null, the SHA-256 of the module's state is computed.</param>
    public ModuleClassifier(string name, nn.Module<Tensor, Tensor> module, InputShape? inputShape = null,
        Normalization? normalization = null, string? sha256 = null)
        : this(name, module, (module ?? throw new ArgumentNullException(nameof(module))).call, inputShape, normalization, sha256)
    {
    }

    internal ModuleClassifier(string name, nn.Module module, Func<Tensor, Tensor> forward, InputShape? inputShape,
        Normalization? normalization, string? sha256)
    {
        ArgumentNullException.ThrowIfNull(module);
        _module = module;
        _forward = forward;
        _module.eval();
        foreach (var p in _module.parameters())
            p.requires_grad = false;
        normalization?.Validate(inputShape?.Channels);
        if (normalization is not null)
            (_mean, _std) = normalization.ToTensors();
        Name = name;
        InputShape = inputShape;
        Normalization = normalization;
        Sha256 = sha256 ?? StateSha256(module);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Sha256 { get; }

    /// <inheritdoc/>
    public InputShape? InputShape { get; }

    /// <summary>The normalisation applied inside, if any.</summary>
    public Normalization? Normalization { get; }

    /// <summary>The wrapped module.</summary>
    public nn.Module Module => _module;

    /// <inheritdoc/>
    public Tensor Logits(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (_mean is null || _std is null)
            return _forward(images);
        using var scope = NewDisposeScope();
        var normalised = (images - _mean) / _std;
        return _forward(normalised).MoveToOuterDisposeScope();
    }

    /// <summary>SHA-256 over the module's state dictionary: names, dtypes, shapes and raw values, in name order.</summary>
    public static string StateSha256(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, value) in module.state_dict().OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            h.AppendData(System.Text.Encoding.UTF8.GetBytes($"{key}|{value.dtype}|{string.Join(",", value.shape)}\n"));
            using var cpu = value.detach().cpu().contiguous();
            h.AppendData(cpu.bytes);
        }
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _module.Dispose();
        _mean?.Dispose();
        _std?.Dispose();
    }
}
