using System.Text.Json;
using System.Text.Json.Serialization;
using RobustnessGate.Persistence;

namespace RobustnessGate.Evaluation;

/// <summary>Reads and writes result.json (culture-invariant, camelCase, indented).</summary>
public static class ResultJson
{
    /// <summary>The serializer settings every result file uses.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The JSON text of <paramref name="result"/>.</summary>
    public static string Serialize(EvaluationResult result) => JsonSerializer.Serialize(result, Options) + "\n";

    /// <summary>Reads a result file; the message of any error names the file.</summary>
    public static EvaluationResult Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<EvaluationResult>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"{path}: empty result file");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid result file ({e.Message})", e);
        }
    }

    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, EvaluationResult result) => AtomicFile.WriteAllText(path, Serialize(result));
}
