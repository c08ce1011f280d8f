using System.Text.Json.Serialization;

namespace RobustnessGate.Study;

/// <summary>One model of the zoo and what the analyses need to know about it.</summary>
/// <param name="Name">Unique model name (e.g. "resnet-20").</param>
/// <param name="Family">Architecture family; models of one family share a design (e.g. "ResNet").</param>
/// <param name="Parameters">Number of trainable parameters (&gt; 0).</param>
/// <param name="TestAccuracy">Top-1 accuracy on the clean test images, in [0, 1]; higher is better.</param>
/// <param name="Series">Name of the depth or width series the model belongs to (null when none).</param>
/// <param name="Depth">Number of weight layers, for depth series (null when not meaningful).</param>
/// <param name="Width">Width multiplier or channel count, for width series (null when not meaningful).</param>
public sealed record StudyModelInfo(string Name, string Family, long Parameters, double TestAccuracy,
    string? Series = null, int? Depth = null, double? Width = null)
{
    /// <summary>Top-1 error = 1 - <see cref="TestAccuracy"/>; lower is better. Not stored in JSON.</summary>
    [JsonIgnore]
    public double TopOneError => 1 - TestAccuracy;
}
