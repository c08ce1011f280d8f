using System.Text;

namespace RobustnessSpecs.TestSupport;

/// <summary>Writes minimal .npy files (format 1.0) for reader tests.</summary>
public static class NpyWriter
{
    public static void Write(string path, string descr, int[] shape, byte[] data, bool fortran = false)
    {
        var shapeText = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
        var header = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shapeText}, }}";
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n";
        using var f = File.Create(path);
        f.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        f.Write(BitConverter.GetBytes((ushort)header.Length));
        f.Write(Encoding.ASCII.GetBytes(header));
        f.Write(data);
    }

    public static byte[] Floats(params float[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    public static byte[] Doubles(params double[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    public static byte[] Longs(params long[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    public static byte[] Ints(params int[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();
}
