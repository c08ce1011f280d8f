using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;

namespace RobustnessGate.Gate;

/// <summary>The gate's use of the result cache (wired to Gate/Caching).</summary>
internal sealed class GateCache(string directory)
{
    private readonly List<string> _notes = [];

    public string Directory { get; } = directory;

    public IReadOnlyList<string> Notes => _notes;

#pragma warning disable CA1822, IDE0060 // filled in when the content-addressed cache lands
    public EvaluationResult? TryGet(GateCheck check, IClassifier model, ImageSet data, EvaluationOptions options) => null;

    public void Put(GateCheck check, IClassifier model, ImageSet data, EvaluationOptions options, EvaluationResult result)
    {
    }
#pragma warning restore CA1822, IDE0060
}
