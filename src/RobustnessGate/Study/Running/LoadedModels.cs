using RobustnessGate.Models;

namespace RobustnessGate.Study.Running;

/// <summary>Loads each study model once, on first use, and disposes them all at the end.</summary>
internal sealed class LoadedModels(IReadOnlyList<StudyModelSource> sources) : IDisposable
{
    private readonly Dictionary<string, IClassifier> _models = new(StringComparer.Ordinal);

    public IClassifier Get(string name)
    {
        if (!_models.TryGetValue(name, out var model))
        {
            var source = sources.Single(s => s.Name == name);
            model = ModelLoader.Load(source.Spec, source.Normalization);
            _models[name] = model;
        }
        return model;
    }

    public void Dispose()
    {
        foreach (var m in _models.Values)
            m.Dispose();
        _models.Clear();
    }
}
