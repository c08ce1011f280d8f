using System.Text.Json;
using System.Text.Json.Serialization;

namespace RobustnessGate.Persistence;

/// <summary>Serializer settings shared by the project's strict JSON files (study.json, frontier files, gate snapshots).</summary>
public static class JsonFiles
{
    /// <summary>
    /// camelCase, indented, numbers as numbers only; reading refuses unknown keys, missing required values and nulls where
    /// the type has none (without this a missing value such as testAccuracy would silently read as 0); comments and
    /// trailing commas are allowed in hand-edited files.
    /// </summary>
    public static JsonSerializerOptions Strict() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };
}
