using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace RobustnessGate.Persistence;

/// <summary>
/// Turns System.Text.Json's messages, which name .NET types, into "expected ..., found ..." for the person editing the
/// file: the expected keys of an object, or the JSON kind (number, whole number, text, list, object) of a value.
/// </summary>
internal static partial class JsonErrorText
{
    public static string Explain(JsonException e, string field)
    {
        var m = e.Message;
        var named = TypeName().Match(m);
        var type = TypeNamed(named.Groups[1].Success ? named.Groups[1].Value : named.Groups[2].Value);
        string key = field.Split('.', '[').Last().TrimEnd(']');
        if (m.Contains("could not be mapped", StringComparison.Ordinal) && type is not null)
            return $"expected one of the keys {string.Join(", ", Keys(type))}, found unknown key '{key}'";
        if (m.Contains("missing required properties", StringComparison.Ordinal))
            return "expected the required key(s) " + string.Join(", ", Missing().Matches(m[m.IndexOf("including", StringComparison.Ordinal)..]).Select(x => x.Groups[1].Value)) + ", found none";
        var property = type?.GetProperties().FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));
        if (m.Contains("could not be converted", StringComparison.Ordinal) && property is not null)
            return $"expected {Kind(property.PropertyType)}, found a value of another kind";
        if (m.Contains("could not be converted", StringComparison.Ordinal))
        {
            // The value itself has the wrong kind: the message names the type expected at this field.
            var system = named.Groups[2].Success ? Type.GetType(named.Groups[2].Value) : null;
            string expected = type is not null ? "an object {...}"
                : system is not null && (system.IsPrimitive || system == typeof(string)) ? Kind(system)
                : named.Value.Contains("List", StringComparison.Ordinal) ? "a list [...]" : "another kind of value";
            return $"expected {expected}, found a value of another kind";
        }
        int cut = m.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? m[..cut] : m;
    }

    private static Type? TypeNamed(string name) => name.Length == 0 ? null : typeof(JsonErrorText).Assembly.GetType(name);

    private static IEnumerable<string> Keys(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

    private static string Kind(Type t)
    {
        var u = Nullable.GetUnderlyingType(t);
        string orNull = u is null && t.IsValueType ? "" : " or null";
        t = u ?? t;
        if (t == typeof(int) || t == typeof(long))
            return "a whole number" + orNull;
        if (t == typeof(double) || t == typeof(float))
            return "a number" + orNull;
        if (t == typeof(string))
            return "text in quotes" + orNull;
        if (t != typeof(string) && t.IsAssignableTo(typeof(System.Collections.IEnumerable)))
            return "a list [...]" + orNull;
        return "an object {...}" + orNull;
    }

    [GeneratedRegex(@"type '([^']+)'|converted to ([A-Za-z0-9_.]+[A-Za-z0-9_])")]
    private static partial Regex TypeName();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Missing();
}
