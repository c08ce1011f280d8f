namespace RobustnessGate.Data;

/// <summary>Loads an <see cref="ImageSet"/> from an image file and a label file, each IDX (plain or gzip) or .npy.</summary>
public static class ImageSetLoader
{
    /// <summary>Loads images and labels and checks that they belong together.</summary>
    public static ImageSet Load(string imagesPath, string labelsPath, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagesPath);
        ArgumentException.ThrowIfNullOrEmpty(labelsPath);
        var (pixels, n, c, h, w) = IsNpy(imagesPath) ? NpyReader.ReadImages(imagesPath) : IdxReader.ReadImages(imagesPath);
        if (n == 0)
            throw new DataFormatException(imagesPath, "field 'shape': expected at least one image, found 0");
        var labels = IsNpy(labelsPath) ? NpyReader.ReadLabels(labelsPath) : IdxReader.ReadLabels(labelsPath);
        if (labels.Length != n)
            throw new DataFormatException(labelsPath, $"has {labels.Length} labels but {imagesPath} has {n} images; expected one label per image");
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
                throw new DataFormatException(labelsPath, $"label {labels[i]} at index {i} is negative; expected class indices 0..K-1");
        }
        return new ImageSet(name ?? Path.GetFileName(imagesPath), pixels, labels, c, h, w);
    }

    private static bool IsNpy(string path)
    {
        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".npy.gz", StringComparison.OrdinalIgnoreCase))
            return true;
        if (!File.Exists(path))
            return false;
        using var f = File.OpenRead(path);
        Span<byte> head = stackalloc byte[6];
        int read = f.Read(head);
        return read == 6 && head[0] == 0x93 && head[1..].SequenceEqual("NUMPY"u8);
    }
}
