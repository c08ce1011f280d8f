using SkiaSharp;

namespace RobustnessSpecs.TestSupport;

/// <summary>Writes small PNG files with exact pixel values, and image folders of them, for the image-folder specs.</summary>
internal static class ImageFiles
{
    public static string RgbFixtures => Path.Combine(Paths.RepositoryRoot, "tests", "RobustnessSpecs", "Fixtures", "rgb");

    /// <summary>A PNG of width x height whose pixel (x, y) has the colour <paramref name="colour"/>(x, y) as (R, G, B).</summary>
    public static void Png(string path, int width, int height, Func<int, int, (byte R, byte G, byte B)> colour)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var (r, g, b) = colour(x, y);
                bitmap.SetPixel(x, y, new SKColor(r, g, b));
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>A PNG of one flat colour.</summary>
    public static void Flat(string path, int width, int height, byte r, byte g, byte b) => Png(path, width, height, (_, _) => (r, g, b));

    /// <summary>Reads a float32 .npy of any shape (little-endian, C order) as a flat array.</summary>
    public static float[] NpyFloats(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        int start = 10 + headerLength;
        var values = new float[(bytes.Length - start) / 4];
        Buffer.BlockCopy(bytes, start, values, 0, values.Length * 4);
        return values;
    }
}
