using static TorchSharp.torch;

namespace RobustnessGate.Models;

/// <summary>Per-channel (x - mean) / std applied inside the classifier, so attacks keep working in [0, 1] pixels.</summary>
/// <param name="Mean">One value per channel (or one for all).</param>
/// <param name="Std">One positive value per channel (or one for all).</param>
public sealed record Normalization(IReadOnlyList<float> Mean, IReadOnlyList<float> Std)
{
    /// <summary>Checks the values against a channel count.</summary>
    public void Validate(int? channels)
    {
        if (Mean.Count == 0 || Mean.Count != Std.Count)
            throw new ArgumentException($"normalisation needs as many std values as mean values (got {Mean.Count} mean, {Std.Count} std)");
        if (StdProblem(Std) is { } std)
            throw new ArgumentException($"normalisation std: {std}");
        if (channels is { } c && ChannelProblem(Mean.Count, c, "the images") is { } problem)
            throw new ArgumentException($"normalisation mean: {problem}");
    }

    /// <summary>What is wrong with std values ("expected positive values, found [...]"), or null: each must be finite and above 0.</summary>
    public static string? StdProblem(IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(std);
        return std.All(s => s > 0 && float.IsFinite(s)) ? null
            : $"expected positive values, found [{string.Join(", ", std.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
    }

    /// <summary>
    /// What is wrong with <paramref name="meanCount"/> values for images of <paramref name="channels"/> channels named
    /// <paramref name="images"/> (one value, or one per channel), or null.
    /// </summary>
    public static string? ChannelProblem(int meanCount, int channels, string images) =>
        meanCount == 1 || meanCount == channels ? null
            : $"expected {(channels == 1 ? "1 value" : $"1 or {channels} values")} (one per channel of {images}, or one for all), found {meanCount}";

    /// <summary>
    /// The fingerprint of a model file evaluated behind this normalisation: SHA-256 (hex) of
    /// "<paramref name="modelSha256"/>|mean=m1,m2,..|std=s1,s2,.." (round-trip float text). Another mean or std is another
    /// classifier, so results cached or approved for one are never taken for the other.
    /// </summary>
    public string Fingerprint(string modelSha256)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelSha256);
        static string Text(IReadOnlyList<float> v) => string.Join(",", v.Select(x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        var text = $"{modelSha256}|mean={Text(Mean)}|std={Text(Std)}";
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    internal (Tensor Mean, Tensor Std) ToTensors()
    {
        var m = tensor(Mean.ToArray()).reshape(1, Mean.Count, 1, 1);
        var s = tensor(Std.ToArray()).reshape(1, Std.Count, 1, 1);
        return (m, s);
    }
}
