using System.Text.Json;

namespace RobustnessGate.Attacks.Definitions;

/// <summary>Short descriptions of found values for error messages.</summary>
internal static class Describe
{
    /// <summary>A JSON value as a message shows it: the raw text for scalars, its kind for containers.</summary>
    public static string Json(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Undefined => "nothing",
        _ => value.GetRawText(),
    };
}
