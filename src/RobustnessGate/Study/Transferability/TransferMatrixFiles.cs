using System.Globalization;
using System.Text;
using System.Text.Json;
using RobustnessGate.Evaluation;
using RobustnessGate.Persistence;

namespace RobustnessGate.Study.Transferability;

/// <summary>Writes a <see cref="TransferMatrix"/> as transfer.json and transfer.csv (atomically, culture-invariant).</summary>
public static class TransferMatrixFiles
{
    /// <summary>File name of the JSON document.</summary>
    public const string JsonName = "transfer.json";

    /// <summary>File name of the table.</summary>
    public const string CsvName = "transfer.csv";

    /// <summary>Header row of transfer.csv: the cell fields in order.</summary>
    public const string CsvHeader = "source,target,attack,targetMode,counted,succeeded,successRate,top5Succeeded,top5Rate";

    /// <summary>The JSON text (camelCase, indented, as result.json).</summary>
    public static string Json(TransferMatrix matrix) => JsonSerializer.Serialize(matrix, ResultJson.Options) + "\n";

    /// <summary>The CSV text: the header, then one row per ordered pair; a null number is an empty field.</summary>
    public static string Csv(TransferMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (var c in matrix.Cells)
        {
            text.Append(string.Join(",", Field(c.Source), Field(c.Target), Field(c.Attack), Field(c.TargetMode),
                Number(c.Counted), Number(c.Succeeded), Number(c.SuccessRate), Number(c.Top5Succeeded), Number(c.Top5Rate))).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Writes transfer.json and transfer.csv into <paramref name="directory"/>; returns the path of the JSON file.</summary>
    public static string Write(string directory, TransferMatrix matrix)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(matrix);
        var json = Path.Combine(directory, JsonName);
        AtomicFile.WriteAllText(Path.Combine(directory, CsvName), Csv(matrix));
        AtomicFile.WriteAllText(json, Json(matrix));
        return json;
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>RFC 4180 quoting for names that contain a comma, a quote or a line break (file names may).</summary>
    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
