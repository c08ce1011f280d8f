using RobustnessGate.Study;
using SkiaSharp;

namespace RobustnessGate.Reporting;

/// <summary>
/// Draws the gallery with SkiaSharp: per item a row of clean image, adversarial image and perturbation. The perturbation
/// is magnified so its largest absolute change maps to black or white around mid-grey (0 change), because a budget of a
/// few percent would otherwise be invisible.
/// </summary>
internal static class GalleryPainter
{
    private const int Cell = 168, Pad = 16, Caption = 22;

    public static byte[] Paint(IReadOnlyList<GalleryItem> items)
    {
        int width = 3 * Cell + 4 * Pad + 220, height = items.Count * (Cell + Caption + Pad) + Pad + Caption;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 14);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        string[] heads = ["clean", "adversarial", "perturbation (magnified)"];
        for (int k = 0; k < 3; k++)
            canvas.DrawText(heads[k], Pad + k * (Cell + Pad), Pad + 14, SKTextAlign.Left, font, ink);
        for (int i = 0; i < items.Count; i++)
        {
            var g = items[i];
            int top = Pad + Caption + i * (Cell + Caption + Pad);
            int n = g.Clean.Count;
            var delta = Enumerable.Range(0, n).Select(j => g.Adversarial[j] - g.Clean[j]).ToArray();
            float max = delta.Length == 0 ? 0 : delta.Max(Math.Abs);
            var magnified = delta.Select(d => max == 0 ? 0.5f : 0.5f + 0.5f * d / max).ToArray();
            DrawImage(canvas, g.Shape, g.Clean, Pad, top);
            DrawImage(canvas, g.Shape, g.Adversarial, Pad + Cell + Pad, top);
            DrawImage(canvas, g.Shape, magnified, Pad + 2 * (Cell + Pad), top);
            int textX = Pad + 3 * (Cell + Pad);
            canvas.DrawText($"{g.Model} / {g.Attack}", textX, top + 20, SKTextAlign.Left, font, ink);
            canvas.DrawText($"image {g.Index}, label {g.Label}", textX, top + 42, SKTextAlign.Left, font, ink);
            canvas.DrawText($"predicted {g.Prediction}", textX, top + 64, SKTextAlign.Left, font, ink);
            canvas.DrawText(System.FormattableString.Invariant($"max |change| {max:0.###}"), textX, top + 86, SKTextAlign.Left, font, ink);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    // Each image is drawn from one bitmap: enlarged with nearest-neighbour sampling, so the pixels of a 28 x 28 digit or a
    // 32 x 32 colour image stay crisp, and reduced (a 224 x 224 image in a 168-pixel cell) with trilinear sampling so it
    // does not alias. C = 1 is painted grey, C = 3 as R, G, B.
    private static void DrawImage(SKCanvas canvas, IReadOnlyList<int> shape, IReadOnlyList<float> pixels, int left, int top)
    {
        int c = shape[0], h = shape[1], w = shape[2];
        if (c is not (1 or 3))
            throw new ArgumentException($"gallery: expected 1 (grey) or 3 (RGB) channels, found shape [{string.Join(", ", shape)}]");
        if (pixels.Count != c * h * w)
            throw new ArgumentException($"gallery: shape [{string.Join(", ", shape)}] needs {c * h * w} pixel values, found {pixels.Count}");
        float cell = (float)Cell / Math.Max(h, w);
        var rgba = new byte[w * h * 4];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                byte Channel(int k) => (byte)Math.Round(255 * Math.Clamp(pixels[(k * h + y) * w + x], 0f, 1f));
                int o = 4 * (y * w + x);
                rgba[o] = Channel(0);
                rgba[o + 1] = c == 1 ? rgba[o] : Channel(1);
                rgba[o + 2] = c == 1 ? rgba[o] : Channel(2);
                rgba[o + 3] = 255;
            }
        }
        using var image = SKImage.FromPixelCopy(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque), rgba);
        var sampling = cell >= 1 ? new SKSamplingOptions(SKFilterMode.Nearest) : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
        canvas.DrawImage(image, SKRect.Create(left, top, w * cell, h * cell), sampling);
        using var frame = new SKPaint { Color = SKColors.LightGray, Style = SKPaintStyle.Stroke };
        canvas.DrawRect(left, top, w * cell, h * cell, frame);
    }
}
