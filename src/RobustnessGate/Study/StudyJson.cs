using System.Text.Json;
using RobustnessGate.Persistence;

namespace RobustnessGate.Study;

/// <summary>Reads and writes study.json: camelCase, indented, unknown keys rejected, comments and trailing commas allowed.</summary>
public static class StudyJson
{
    /// <summary>The serializer settings of study files.</summary>
    public static JsonSerializerOptions Options { get; } = JsonFiles.Strict();

    /// <summary>The JSON text of <paramref name="study"/> (validated first, so a bad study is never written).</summary>
    public static string Serialize(StudyResults study)
    {
        ArgumentNullException.ThrowIfNull(study);
        StudyValidator.Validate(study, "study");
        return JsonSerializer.Serialize(study, Options) + "\n";
    }

    /// <summary>Parses and validates a study; <paramref name="source"/> names the file in error messages.</summary>
    public static StudyResults Deserialize(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        StudyResults? study;
        try
        {
            study = JsonSerializer.Deserialize<StudyResults>(json, Options);
        }
        catch (JsonException e)
        {
            var field = (e.Path ?? "").TrimStart('$', '.') is { Length: > 0 } path ? path : "(document)";
            throw new StudyFormatException($"{source}: {field}: {JsonErrorText.Explain(e, field)}", e);
        }
        if (study is null)
            throw new StudyFormatException($"{source}: (document): expected a study object, found null");
        StudyValidator.Validate(study, source);
        return study;
    }

    /// <summary>Reads and validates the study at <paramref name="path"/>.</summary>
    public static StudyResults Read(string path) => Deserialize(File.ReadAllText(path), path);

    /// <summary>Writes <paramref name="study"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, StudyResults study) => AtomicFile.WriteAllText(path, Serialize(study));
}
