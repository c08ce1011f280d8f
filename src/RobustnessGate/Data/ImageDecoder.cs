using SkiaSharp;

namespace RobustnessGate.Data;

/// <summary>One decoded image: 8-bit RGB, row-major H x W x 3, and whether it is greyscale (R = G = B at every pixel).</summary>
internal sealed record DecodedImage(string Path, int Width, int Height, byte[] Rgb, bool IsGrey);

/// <summary>
/// Decodes PNG, JPEG, BMP and WebP files with SkiaSharp and applies the resize + centre crop of
/// <see cref="ImageFolderOptions.Size"/>.
/// </summary>
/// <remarks>
/// Resampling is trilinear: <c>SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)</c>. It is bilinear
/// interpolation (the filter torchvision's Resize uses by default) read from Skia's box-filtered mipmap pyramid, so a
/// photograph several times larger than S is averaged instead of aliased, which plain bilinear sampling would do; a
/// bicubic Mitchell resampler (<c>SKCubicResampler.Mitchell</c>) samples without such a pyramid in Skia and aliases on
/// large reductions. An image whose shorter side already is S is only cropped, never resampled, so its pixels pass
/// through unchanged. Alpha is dropped (pixels keep their colour, unpremultiplied); colour profiles are not applied.
/// </remarks>
internal static class ImageDecoder
{
    /// <summary>Sampling of the resize step (see the remarks of <see cref="ImageDecoder"/>).</summary>
    public static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    public static DecodedImage Decode(string path)
    {
        using var codec = SKCodec.Create(path, out var status)
            ?? throw new DataFormatException(path, $"cannot be decoded as an image (SkiaSharp: {status}); expected a PNG, JPEG, BMP or WebP file");
        int w = codec.Info.Width, h = codec.Info.Height;
        if (w < 1 || h < 1)
            throw new DataFormatException(path, $"image size {w} x {h}: expected a positive width and height");
        var info = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
            throw new DataFormatException(path, $"cannot be decoded as an image (SkiaSharp: {result}); expected a complete {codec.EncodedFormat} file");
        var rgba = bitmap.Bytes;
        var rgb = new byte[w * h * 3];
        bool grey = true;
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            byte r = rgba[j], g = rgba[j + 1], b = rgba[j + 2];
            rgb[i] = r;
            rgb[i + 1] = g;
            rgb[i + 2] = b;
            grey &= r == g && g == b;
        }
        return new DecodedImage(path, w, h, rgb, grey);
    }

    /// <summary>
    /// The geometry of torchvision's Resize(S) followed by CenterCrop(S): the shorter side becomes S, the longer one
    /// floor(S * longer / shorter); the crop starts at round((resized - S) / 2) with Python's round half to even.
    /// </summary>
    public static (int Width, int Height, int Left, int Top) Geometry(int width, int height, int size)
    {
        int w, h;
        if (width <= height)
        {
            w = size;
            h = (int)((long)size * height / width);
        }
        else
        {
            h = size;
            w = (int)((long)size * width / height);
        }
        int left = (int)Math.Round((w - size) / 2.0, MidpointRounding.ToEven);
        int top = (int)Math.Round((h - size) / 2.0, MidpointRounding.ToEven);
        return (w, h, left, top);
    }

    /// <summary>Resizes the shorter side to <paramref name="size"/> and crops the centre square (<see cref="Geometry"/>).</summary>
    public static DecodedImage ResizeAndCrop(DecodedImage image, int size)
    {
        var (w, h, left, top) = Geometry(image.Width, image.Height, size);
        if (w == image.Width && h == image.Height)
            return Crop(image, left, top, size);
        var rgba = new byte[image.Width * image.Height * 4];
        for (int i = 0, j = 0; i < image.Rgb.Length; i += 3, j += 4)
        {
            rgba[j] = image.Rgb[i];
            rgba[j + 1] = image.Rgb[i + 1];
            rgba[j + 2] = image.Rgb[i + 2];
            rgba[j + 3] = 255;
        }
        var sourceInfo = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var source = SKImage.FromPixelCopy(sourceInfo, rgba);
        var targetInfo = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var surface = SKSurface.Create(targetInfo)
            ?? throw new InvalidOperationException($"SkiaSharp could not create a {size} x {size} surface");
        // Drawing the resized image shifted by the crop offset is the resize followed by the crop: target pixel (x, y)
        // samples the resized image at (x + left, y + top).
        surface.Canvas.DrawImage(source, SKRect.Create(-left, -top, w, h), Sampling);
        var outRgba = new byte[size * size * 4];
        unsafe
        {
            fixed (byte* p = outRgba)
            {
                if (!surface.ReadPixels(targetInfo, (nint)p, size * 4, 0, 0))
                    throw new InvalidOperationException($"{image.Path}: SkiaSharp could not read the resized pixels");
            }
        }
        var rgb = new byte[size * size * 3];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgb[i] = outRgba[j];
            rgb[i + 1] = outRgba[j + 1];
            rgb[i + 2] = outRgba[j + 2];
        }
        return image with { Width = size, Height = size, Rgb = rgb };
    }

    private static DecodedImage Crop(DecodedImage image, int left, int top, int size)
    {
        if (left == 0 && top == 0 && image.Width == size && image.Height == size)
            return image;
        var rgb = new byte[size * size * 3];
        for (int y = 0; y < size; y++)
            Array.Copy(image.Rgb, ((top + y) * image.Width + left) * 3, rgb, y * size * 3, size * 3);
        return image with { Width = size, Height = size, Rgb = rgb };
    }
}
