using RobustnessGate.Models;

namespace RobustnessGate.Study.Running;

/// <summary>Turns the built-in zoo, or a user's TorchScript files, into study models.</summary>
public static class StudyModels
{
    /// <summary>Every built-in model with its family and series.</summary>
    public static IReadOnlyList<StudyModelSource> Zoo() =>
        KnownModels.All.Select(m => new StudyModelSource(m.Name, m.Name, m.Family, m.Series, m.Depth, m.Width)).ToList();

    /// <summary>
    /// TorchScript files (or built-in names). An entry may carry a family after a colon, "path.pt:Family"; otherwise the
    /// family is the file name, so each user model is its own family unless told otherwise.
    /// </summary>
    public static IReadOnlyList<StudyModelSource> FromSpecs(IEnumerable<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var list = new List<StudyModelSource>();
        foreach (var raw in specs)
        {
            var spec = raw;
            string? family = null;
            int colon = raw.LastIndexOf(':');
            if (colon > 0 && !File.Exists(raw))
            {
                spec = raw[..colon];
                family = raw[(colon + 1)..];
            }
            if (KnownModels.Find(spec) is { } builtIn && !File.Exists(spec))
            {
                list.Add(new StudyModelSource(builtIn.Name, builtIn.Name, family ?? builtIn.Family, builtIn.Series, builtIn.Depth, builtIn.Width));
                continue;
            }
            if (!File.Exists(spec))
                throw new FileNotFoundException($"model '{spec}' is neither a file nor a built-in model", spec);
            var name = Path.GetFileNameWithoutExtension(spec);
            list.Add(new StudyModelSource(name, spec, family ?? name));
        }
        return list;
    }
}
