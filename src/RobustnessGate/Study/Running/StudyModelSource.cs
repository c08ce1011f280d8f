namespace RobustnessGate.Study.Running;

/// <summary>A model of a study: how to load it and how to describe it.</summary>
/// <param name="Name">Name in the study (unique).</param>
/// <param name="Spec">What <see cref="Models.ModelLoader.Load"/> takes: a built-in name or a TorchScript path.</param>
/// <param name="Family">Architecture family.</param>
/// <param name="Series">Depth or width series the model belongs to, if any.</param>
/// <param name="Depth">Depth within its series.</param>
/// <param name="Width">Width within its series.</param>
/// <param name="Normalization">Mean and std applied inside the model wrapper (the pixels the attacks see stay in [0, 1]),
/// or null; a normalised model gets its own fingerprint (<see cref="Models.Normalization.Fingerprint"/>), so its cells are
/// keyed apart from the raw model's.</param>
public sealed record StudyModelSource(string Name, string Spec, string Family, string? Series = null, int? Depth = null, double? Width = null,
    Models.Normalization? Normalization = null);
