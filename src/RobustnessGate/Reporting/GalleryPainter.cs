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

    // Nearest-neighbour scaling keeps the pixels of a 28 x 28 digit crisp.
    private static void DrawImage(SKCanvas canvas, IReadOnlyList<int> shape, IReadOnlyList<float> pixels, int left, int top)
    {
        int c = shape[0], h = shape[1], w = shape[2];
        float cell = (float)Cell / Math.Max(h, w);
        using var paint = new SKPaint { IsAntialias = false };
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                byte Channel(int k) => (byte)Math.Round(255 * Math.Clamp(pixels[(k * h + y) * w + x], 0f, 1f));
                paint.Color = c == 1 ? new SKColor(Channel(0), Channel(0), Channel(0)) : new SKColor(Channel(0), Channel(1), Channel(2));
                canvas.DrawRect(left + x * cell, top + y * cell, cell, cell, paint);
            }
        }
        using var frame = new SKPaint { Color = SKColors.LightGray, Style = SKPaintStyle.Stroke };
        canvas.DrawRect(left, top, w * cell, h * cell, frame);
    }
}
