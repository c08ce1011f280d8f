using System.Buffers.Binary;

namespace RobustnessGate.Data;

/// <summary>
/// Reads IDX files (the MNIST format: big-endian header 0x00 0x00 type rank, then rank int32 sizes, then data), plain or
/// gzip-compressed. Images must be unsigned bytes of rank 3 (N x H x W) or 4 (N x C x H x W) and are scaled by 1/255;
/// labels must be unsigned bytes or int32 of rank 1.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByte = 0x08;
    private const byte Int32Type = 0x0C;

    /// <summary>Reads images as float32 in [0, 1] with their shape (C is 1 for rank-3 files).</summary>
    public static (float[] Pixels, int Count, int Channels, int Height, int Width) ReadImages(string path)
    {
        var (type, dims, offset, data) = ReadHeader(path);
        if (type != UnsignedByte)
            throw new DataFormatException(path, $"IDX images must have element type 0x08 (unsigned byte), got 0x{type:X2}");
        if (dims.Length is not (3 or 4))
            throw new DataFormatException(path, $"IDX images must have 3 dimensions (N x H x W) or 4 (N x C x H x W), got {dims.Length}");
        int n = dims[0], c = dims.Length == 4 ? dims[1] : 1, h = dims[^2], w = dims[^1];
        var pixels = new float[(long)n * c * h * w];
        for (long i = 0; i < pixels.LongLength; i++)
            pixels[i] = data[offset + i] / 255f;
        return (pixels, n, c, h, w);
    }

    /// <summary>Reads labels (unsigned byte or int32, rank 1).</summary>
    public static long[] ReadLabels(string path)
    {
        var (type, dims, offset, data) = ReadHeader(path);
        if (dims.Length != 1)
            throw new DataFormatException(path, $"IDX labels must have 1 dimension, got {dims.Length}");
        var labels = new long[dims[0]];
        switch (type)
        {
            case UnsignedByte:
                for (int i = 0; i < labels.Length; i++)
                    labels[i] = data[offset + i];
                break;
            case Int32Type:
                for (int i = 0; i < labels.Length; i++)
                    labels[i] = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(offset + 4 * i));
                break;
            default:
                throw new DataFormatException(path, $"IDX labels must have element type 0x08 (unsigned byte) or 0x0C (int32), got 0x{type:X2}");
        }
        return labels;
    }

    /// <summary>True when the file starts with an IDX magic number (after un-gzipping).</summary>
    public static bool LooksLikeIdx(byte[] data) =>
        data.Length >= 4 && data[0] == 0 && data[1] == 0 && data[3] is >= 1 and <= 4 &&
        data[2] is 0x08 or 0x09 or 0x0B or 0x0C or 0x0D or 0x0E;

    private static (byte Type, int[] Dims, int Offset, byte[] Data) ReadHeader(string path)
    {
        var data = FileBytes.Read(path);
        if (data.Length < 4 || data[0] != 0 || data[1] != 0)
            throw new DataFormatException(path, "not an IDX file: expected the magic bytes 0x00 0x00 <type> <rank> at the start");
        byte type = data[2];
        int rank = data[3];
        if (rank < 1 || data.Length < 4 + 4 * rank)
            throw new DataFormatException(path, $"IDX header is truncated or has rank {rank}");
        var dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4 + 4 * i));
            if (dims[i] < 0)
                throw new DataFormatException(path, $"IDX dimension {i} is negative ({dims[i]})");
            count *= dims[i];
        }
        int size = type switch { 0x08 or 0x09 => 1, 0x0B => 2, 0x0C or 0x0D => 4, 0x0E => 8, _ => 0 };
        if (size == 0)
            throw new DataFormatException(path, $"IDX element type 0x{type:X2} is not one of 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E");
        int offset = 4 + 4 * rank;
        long expected = offset + count * size;
        if (data.Length != expected)
            throw new DataFormatException(path, $"IDX header [{string.Join(" x ", dims)}] needs {expected} bytes, the file has {data.Length}");
        return (type, dims, offset, data);
    }
}
