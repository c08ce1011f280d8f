using RobustnessGate.Gate;
using Xunit.Abstractions;

namespace RobustnessGate.Xunit;

/// <summary>
/// One check of a thresholds file as a theory argument: what the test list shows ("model / attack / target") and the
/// handle that runs it. <see cref="Run"/> goes through one shared <see cref="GateSession"/> per thresholds file, so models
/// and data load once and unchanged checks are served from the result cache.
/// </summary>
public sealed class RobustnessCase : IXunitSerializable
{
    /// <summary>For xUnit's de-serializer only.</summary>
    public RobustnessCase()
    {
    }

    internal RobustnessCase(string thresholdsPath, string checkId, string model, string attack, string target, string displayName)
    {
        ThresholdsPath = thresholdsPath;
        CheckId = checkId;
        Model = model;
        Attack = attack;
        Target = target;
        DisplayName = displayName;
    }

    /// <summary>Full path of the thresholds file.</summary>
    public string ThresholdsPath { get; private set; } = "";

    /// <summary>The check's id (names its snapshot files).</summary>
    public string CheckId { get; private set; } = "";

    /// <summary>The model's display name (a built-in name or the TorchScript file's name).</summary>
    public string Model { get; private set; } = "";

    /// <summary>The attack's name.</summary>
    public string Attack { get; private set; } = "";

    /// <summary>The target mode's name.</summary>
    public string Target { get; private set; } = "";

    /// <summary>"model / attack / target", with the check id added when two checks of the file share those three.</summary>
    public string DisplayName { get; private set; } = "";

    /// <summary>
    /// Runs the check and returns its verdict with the reasons. When ROBUSTNESSGATE_APPROVE names this check (or is
    /// <c>all</c>) and this is not a CI run, a received snapshot is approved and the check judged again against it.
    /// </summary>
    public CheckResult Run() => GateRuns.For(ThresholdsPath).Run(CheckId);

    /// <inheritdoc/>
    public override string ToString() => DisplayName;

    /// <inheritdoc/>
    public void Serialize(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.AddValue(nameof(ThresholdsPath), ThresholdsPath);
        info.AddValue(nameof(CheckId), CheckId);
        info.AddValue(nameof(Model), Model);
        info.AddValue(nameof(Attack), Attack);
        info.AddValue(nameof(Target), Target);
        info.AddValue(nameof(DisplayName), DisplayName);
    }

    /// <inheritdoc/>
    public void Deserialize(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        ThresholdsPath = info.GetValue<string>(nameof(ThresholdsPath));
        CheckId = info.GetValue<string>(nameof(CheckId));
        Model = info.GetValue<string>(nameof(Model));
        Attack = info.GetValue<string>(nameof(Attack));
        Target = info.GetValue<string>(nameof(Target));
        DisplayName = info.GetValue<string>(nameof(DisplayName));
    }
}
