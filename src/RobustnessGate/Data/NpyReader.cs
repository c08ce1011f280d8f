using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RobustnessGate.Data;

/// <summary>
/// Reads NumPy <c>.npy</c> files (format versions 1-3, C order, little-endian or single-byte types).
/// Images: float32/float64 in [0, 1], or uint8 scaled by 1/255, shape N x C x H x W or N x H x W.
/// Labels: int64, int32 or uint8, shape N.
/// </summary>
public static partial class NpyReader
{
    /// <summary>Reads images; returns float32 pixels in [0, 1] and the shape (C is 1 for N x H x W files).</summary>
    public static (float[] Pixels, int Count, int Channels, int Height, int Width) ReadImages(string path)
    {
        var (descr, shape, data, offset) = Read(path);
        if (shape.Length is not (3 or 4))
            throw new DataFormatException(path, $"images must have shape N x C x H x W or N x H x W, got ({string.Join(", ", shape)})");
        int n = shape[0], c = shape.Length == 4 ? shape[1] : 1, h = shape[^2], w = shape[^1];
        long total = (long)n * c * h * w;
        var pixels = new float[total];
        switch (descr)
        {
            case "|u1" or "<u1" or "u1":
                for (long i = 0; i < total; i++)
                    pixels[i] = data[offset + i] / 255f;
                return (pixels, n, c, h, w);
            case "<f4":
                for (long i = 0; i < total; i++)
                    pixels[i] = BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan((int)(offset + 4 * i)));
                break;
            case "<f8":
                for (long i = 0; i < total; i++)
                    pixels[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan((int)(offset + 8 * i)));
                break;
            default:
                throw new DataFormatException(path, $"field 'descr': expected images of dtype float32 ('<f4'), float64 ('<f8') or uint8 ('|u1'), found '{descr}'");
        }
        for (long i = 0; i < total; i++)
        {
            if (!(pixels[i] >= 0f && pixels[i] <= 1f))
            {
                throw new DataFormatException(path,
                    $"float images: expected values in [0, 1], found {pixels[i].ToString(CultureInfo.InvariantCulture)} at image {i / ((long)c * h * w)}, element {i % ((long)c * h * w)} (scale 0-255 data by 1/255 or save it as uint8)");
            }
        }
        return (pixels, n, c, h, w);
    }

    /// <summary>Reads any float32/float64 array as float32 values with its shape (no range check).</summary>
    public static (float[] Values, int[] Shape) ReadFloats(string path)
    {
        var (descr, shape, data, offset) = Read(path);
        long total = shape.Aggregate(1L, (a, b) => a * b);
        var values = new float[total];
        for (long i = 0; i < total; i++)
        {
            values[i] = descr switch
            {
                "<f4" => BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan((int)(offset + 4 * i))),
                "<f8" => (float)BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan((int)(offset + 8 * i))),
                _ => throw new DataFormatException(path, $"expected dtype float32 ('<f4') or float64 ('<f8'), got '{descr}'"),
            };
        }
        return (values, shape);
    }

    /// <summary>Reads labels of dtype int64, int32 or uint8 and shape N (or N x 1).</summary>
    public static long[] ReadLabels(string path)
    {
        var (descr, shape, data, offset) = Read(path);
        if (!(shape.Length == 1 || (shape.Length == 2 && shape[1] == 1)))
            throw new DataFormatException(path, $"labels must have shape (N,), got ({string.Join(", ", shape)})");
        var labels = new long[shape[0]];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = descr switch
            {
                "<i8" => BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(offset + 8 * i)),
                "<i4" => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset + 4 * i)),
                "|u1" or "<u1" or "u1" => data[offset + i],
                _ => throw new DataFormatException(path, $"field 'descr': expected labels of dtype int64 ('<i8'), int32 ('<i4') or uint8 ('|u1'), found '{descr}'"),
            };
        }
        return labels;
    }

    /// <summary>True when the bytes start with the .npy magic.</summary>
    public static bool LooksLikeNpy(byte[] data) =>
        data.Length >= 6 && data[0] == 0x93 && data.AsSpan(1, 5).SequenceEqual("NUMPY"u8);

    private static (string Descr, int[] Shape, byte[] Data, int Offset) Read(string path)
    {
        var data = FileBytes.Read(path);
        if (!LooksLikeNpy(data))
            throw new DataFormatException(path, "not a .npy file: expected the magic bytes \\x93NUMPY at the start");
        if (data.Length < 10)
            throw new DataFormatException(path, ".npy header is truncated");
        int major = data[6];
        int headerLength, headerStart;
        switch (major)
        {
            case 1:
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(8));
                headerStart = 10;
                break;
            case 2 or 3:
                if (data.Length < 12)
                    throw new DataFormatException(path, ".npy header is truncated");
                headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(8));
                headerStart = 12;
                break;
            default:
                throw new DataFormatException(path, $".npy format version {major} is not supported (expected 1, 2 or 3)");
        }
        if (headerStart + headerLength > data.Length)
            throw new DataFormatException(path, ".npy header is longer than the file");
        var header = Encoding.Latin1.GetString(data, headerStart, headerLength);
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shapeMatch = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shapeMatch.Success)
            throw new DataFormatException(path, $".npy header must have 'descr', 'fortran_order' and 'shape', got {header.Trim()}");
        if (fortran.Groups[1].Value != "False")
            throw new DataFormatException(path, "field 'fortran_order' is True; expected False (save with np.ascontiguousarray)");
        var shape = shapeMatch.Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s.TrimEnd('L'), CultureInfo.InvariantCulture))
            .ToArray();
        int offset = headerStart + headerLength;
        string d = descr.Groups[1].Value;
        int itemSize = d.Length >= 3 && int.TryParse(d.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        if (d.StartsWith('>') && itemSize > 1)
            throw new DataFormatException(path, $"field 'descr' is big-endian '{d}'; expected little-endian (e.g. '<f4')");
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (itemSize > 0 && data.Length - offset != count * itemSize)
            throw new DataFormatException(path, $"shape ({string.Join(", ", shape)}) of '{d}' needs {count * itemSize} data bytes, the file has {data.Length - offset}");
        return (d, shape, data, offset);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
