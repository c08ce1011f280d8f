using System.Security.Cryptography;
using static TorchSharp.torch;

namespace RobustnessGate.Data;

/// <summary>
/// Images in [0, 1] (N x C x H x W, float32) with integer labels. Held as managed arrays so that slicing, hashing and
/// validation never touch native memory; <see cref="ImagesTensor(int, int?)"/> and <see cref="LabelsTensor"/> make tensors on demand.
/// </summary>
public sealed class ImageSet
{
    private readonly float[] _pixels;
    private readonly long[] _labels;

    /// <summary>Creates a set, validating shape, range and labels.</summary>
    /// <param name="name">Display name, usually the file name.</param>
    /// <param name="pixels">N*C*H*W values in [0, 1].</param>
    /// <param name="labels">N non-negative class indices.</param>
    /// <param name="channels">C.</param>
    /// <param name="height">H.</param>
    /// <param name="width">W.</param>
    public ImageSet(string name, float[] pixels, long[] labels, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if (channels < 1 || height < 1 || width < 1)
            throw new ArgumentException($"{name}: image shape must be positive, got {channels} x {height} x {width}");
        long per = (long)channels * height * width;
        if (pixels.LongLength != per * labels.LongLength)
            throw new ArgumentException($"{name}: {labels.Length} labels need {per * labels.LongLength} pixel values of {channels} x {height} x {width} images, got {pixels.LongLength}");
        for (long i = 0; i < pixels.LongLength; i++)
        {
            var v = pixels[i];
            if (!(v >= 0f && v <= 1f))
                throw new ArgumentException($"{name}: pixel value {v} at image {i / per}, element {i % per} is outside [0, 1]");
        }
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
                throw new ArgumentException($"{name}: label {labels[i]} at index {i} is negative");
        }
        Name = name;
        _pixels = pixels;
        _labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>Channels per image.</summary>
    public int Channels { get; }

    /// <summary>Image height.</summary>
    public int Height { get; }

    /// <summary>Image width.</summary>
    public int Width { get; }

    /// <summary>Elements per image (C*H*W).</summary>
    public int ElementsPerImage => Channels * Height * Width;

    /// <summary>The labels.</summary>
    public IReadOnlyList<long> Labels => _labels;

    /// <summary>SHA-256 (hex) of the decoded content: shape, float32 pixels and int64 labels, so it does not depend on the file format.</summary>
    public string Sha256 => _sha256 ??= ComputeSha256();

    private string? _sha256;

    /// <summary>The first <paramref name="count"/> images (all of them when count is null or larger).</summary>
    public ImageSet Take(int? count)
    {
        if (count is null || count.Value >= Count)
            return this;
        if (count.Value < 1)
            throw new ArgumentOutOfRangeException(nameof(count), count, "count must be at least 1");
        return Slice(0, count.Value);
    }

    /// <summary>Images [start, start + length).</summary>
    public ImageSet Slice(int start, int length)
    {
        if (start < 0 || length < 0 || start + length > Count)
            throw new ArgumentOutOfRangeException(nameof(start), $"slice [{start}, {start + length}) is outside 0..{Count}");
        var p = new float[(long)length * ElementsPerImage];
        Array.Copy(_pixels, (long)start * ElementsPerImage, p, 0, p.LongLength);
        var l = new long[length];
        Array.Copy(_labels, start, l, 0, length);
        return new ImageSet(Name, p, l, Channels, Height, Width);
    }

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Pixels(int index) => _pixels.AsSpan(index * ElementsPerImage, ElementsPerImage);

    /// <summary>A float32 tensor N x C x H x W of images [start, start + length).</summary>
    public Tensor ImagesTensor(int start = 0, int? length = null)
    {
        int n = length ?? Count - start;
        var t = tensor(_pixels.AsSpan(start * ElementsPerImage, n * ElementsPerImage).ToArray(), new long[] { n, Channels, Height, Width });
        return t;
    }

    /// <summary>A float32 tensor of the images at <paramref name="indices"/>, in that order.</summary>
    public Tensor ImagesTensor(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int per = ElementsPerImage;
        var p = new float[(long)indices.Count * per];
        for (int k = 0; k < indices.Count; k++)
            Array.Copy(_pixels, (long)indices[k] * per, p, (long)k * per, per);
        return tensor(p, new long[] { indices.Count, Channels, Height, Width });
    }

    /// <summary>An int64 tensor of labels [start, start + length).</summary>
    public Tensor LabelsTensor(int start = 0, int? length = null)
    {
        int n = length ?? Count - start;
        return tensor(_labels.AsSpan(start, n).ToArray(), new long[] { n });
    }

    private string ComputeSha256()
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = stackalloc byte[16];
        BitConverter.TryWriteBytes(header[..4], Count);
        BitConverter.TryWriteBytes(header.Slice(4, 4), Channels);
        BitConverter.TryWriteBytes(header.Slice(8, 4), Height);
        BitConverter.TryWriteBytes(header.Slice(12, 4), Width);
        h.AppendData(header);
        h.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_pixels.AsSpan()));
        h.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_labels.AsSpan()));
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }
}
