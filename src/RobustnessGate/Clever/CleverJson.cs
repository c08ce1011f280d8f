using System.Text.Json;
using RobustnessGate.Evaluation;
using RobustnessGate.Persistence;

namespace RobustnessGate.Clever;

/// <summary>Writes and reads the clever command's result.json with the settings of every result file (<see cref="ResultJson.Options"/>).</summary>
public static class CleverJson
{
    /// <summary>The JSON text of <paramref name="result"/>.</summary>
    public static string Serialize(CleverResult result) => JsonSerializer.Serialize(result, ResultJson.Options) + "\n";

    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, CleverResult result) => AtomicFile.WriteAllText(path, Serialize(result));

    /// <summary>Reads a CLEVER result file; the message of any error names the file.</summary>
    public static CleverResult Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<CleverResult>(File.ReadAllText(path), ResultJson.Options)
                ?? throw new InvalidDataException($"{path}: empty CLEVER result file");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid CLEVER result file ({e.Message})", e);
        }
    }
}
