using System.Text;
using RobustnessGate.Persistence;

namespace RobustnessGate.Data;

/// <summary>Writes float32 arrays as NumPy .npy files (format 1.0, C order), atomically.</summary>
public static class NpyWriter
{
    /// <summary>Writes <paramref name="values"/> with <paramref name="shape"/> as '&lt;f4'.</summary>
    public static void WriteFloats(string path, float[] values, IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(shape);
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != values.LongLength)
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {count} values, got {values.LongLength}");
        var shapeText = shape.Count == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {shapeText}, }}";
        int unpadded = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - unpadded % 64) % 64) + "\n";
        using var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        ms.Write(BitConverter.GetBytes((ushort)header.Length));
        ms.Write(Encoding.ASCII.GetBytes(header));
        ms.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        AtomicFile.WriteAllBytes(path, ms.ToArray());
    }
}
