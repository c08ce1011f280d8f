using System.IO.Compression;

namespace RobustnessGate.Data;

/// <summary>Reads a whole file, transparently un-gzipping it when it starts with the gzip magic bytes.</summary>
internal static class FileBytes
{
    public static byte[] Read(string path)
    {
        if (!File.Exists(path))
            throw new DataFormatException(path, "file not found");
        var raw = File.ReadAllBytes(path);
        if (raw.Length >= 2 && raw[0] == 0x1f && raw[1] == 0x8b)
        {
            try
            {
                using var input = new MemoryStream(raw);
                using var gz = new GZipStream(input, CompressionMode.Decompress);
                using var output = new MemoryStream();
                gz.CopyTo(output);
                return output.ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(path, $"starts like gzip but does not decompress ({e.Message})");
            }
        }
        return raw;
    }
}
