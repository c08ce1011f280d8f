using System.Text.Json;
using RobustnessGate.Evaluation;
using RobustnessGate.Persistence;
using RobustnessGate.Study.Analysis;

namespace RobustnessGate.Study.Frontiers;

/// <summary>Builds frontier files from a study's results, and reads and writes them (camelCase, LF, unknown keys refused).</summary>
public static class FrontierFiles
{
    /// <summary>The serializer settings of frontier files.</summary>
    public static JsonSerializerOptions Options { get; } = JsonFiles.Strict();

    /// <summary>
    /// One frontier per (attack, target) of the study, from its models and the evaluation result of every cell. The accuracy
    /// axis is each model's accuracy on the whole data set (<paramref name="accuracyCount"/> images, <paramref name="accuracySha256"/>).
    /// </summary>
    public static IReadOnlyList<FrontierFile> Build(StudyResults study, IReadOnlyList<(string Model, EvaluationResult Result)> cells,
        int accuracyCount, string accuracySha256, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(cells);
        options ??= AnalysisOptions.Default;
        var files = new List<FrontierFile>();
        foreach (var group in cells.GroupBy(c => (c.Result.Attack.Name, c.Result.Target)))
        {
            var norm = options.NormFor(group.Key.Name);
            var frontier = ParetoFrontier.Compute(study, group.Key.Name, group.Key.Target, norm);
            var first = group.First().Result;
            var members = frontier.Members.Select(m => m.Model).ToHashSet(StringComparer.Ordinal);
            var models = group.Select(c =>
            {
                var info = study.Models.Single(m => m.Name == c.Model);
                return new FrontierModel(c.Model, info.Family, c.Result.Model.Sha256, info.TestAccuracy, c.Result.Distortion.For(norm).Mean,
                    c.Result.Attacked, c.Result.Succeeded, members.Contains(c.Model));
            }).ToList();
            files.Add(new FrontierFile
            {
                Protocol = new FrontierProtocol(first.Attack.Name, first.Attack.Preset ?? "custom", first.Attack.Parameters, first.Target, first.Seed,
                    first.Dataset.Name, first.Dataset.Count, first.Dataset.Sha256, accuracyCount, accuracySha256),
                Norm = norm.ToString(),
                Engine = first.Engine,
                Models = models,
                Frontier = frontier.Members.Select(m => new FrontierPoint(m.Model, m.Accuracy, m.Robustness)).ToList(),
            });
        }
        return files;
    }

    /// <summary>The JSON text of <paramref name="file"/>.</summary>
    public static string Serialize(FrontierFile file) => JsonSerializer.Serialize(file, Options) + "\n";

    /// <summary>Writes every frontier into <paramref name="directory"/> (atomically, one file each); returns the paths.</summary>
    public static IReadOnlyList<string> WriteAll(string directory, IEnumerable<FrontierFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var paths = new List<string>();
        foreach (var f in files)
        {
            var path = Path.Combine(directory, FrontierFile.FileName(f.Protocol.Attack, f.Protocol.Target, f.Norm));
            AtomicFile.WriteAllText(path, Serialize(f));
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>Reads and checks a frontier file; errors name the file and the field.</summary>
    public static FrontierFile Read(string path)
    {
        if (!File.Exists(path))
            throw new StudyFormatException($"{path}: frontier file not found");
        FrontierFile? file;
        try
        {
            file = JsonSerializer.Deserialize<FrontierFile>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            var field = (e.Path ?? "").TrimStart('$', '.') is { Length: > 0 } p ? p : "(document)";
            throw new StudyFormatException($"{path}: {field}: {JsonErrorText.Explain(e, field)}", e);
        }
        if (file is null)
            throw new StudyFormatException($"{path}: (document): expected a frontier object, found null");
        if (file.SchemaVersion != FrontierFile.CurrentSchemaVersion)
            throw new StudyFormatException($"{path}: schemaVersion: expected {FrontierFile.CurrentSchemaVersion}, found {file.SchemaVersion}");
        if (file.Frontier.Count == 0)
            throw new StudyFormatException($"{path}: frontier: expected at least one member, found none");
        foreach (var (p, i) in file.Frontier.Select((p, i) => (p, i)))
        {
            if (!(p.Accuracy is >= 0 and <= 1) || !double.IsFinite(p.Robustness) || p.Robustness < 0)
                throw new StudyFormatException($"{path}: frontier[{i}]: expected accuracy in [0, 1] and a finite distortion >= 0, found {p.Accuracy} and {p.Robustness}");
            if (i > 0 && p.Accuracy < file.Frontier[i - 1].Accuracy)
                throw new StudyFormatException($"{path}: frontier[{i}]: members must be sorted by accuracy ascending");
        }
        return file;
    }

    /// <summary>The frontier as the analysis type, for comparisons.</summary>
    public static ParetoFrontier ToFrontier(FrontierFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return ParetoFrontier.Of(file.Frontier.Select(p => new ParetoPoint(p.Model, p.Accuracy, p.Robustness)).ToList());
    }
}
