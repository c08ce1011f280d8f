namespace RobustnessGate.Study;

/// <summary>
/// One clean image and its adversarial version, kept for the report's gallery. Pixels are row-major C x H x W floats in
/// [0, 1] (a 28 x 28 grey digit has shape [1, 28, 28]).
/// </summary>
/// <param name="Model">Model that was attacked.</param>
/// <param name="Attack">Attack that produced <paramref name="Adversarial"/>.</param>
/// <param name="Index">Index of the image in the data set.</param>
/// <param name="Label">True label.</param>
/// <param name="Prediction">The model's top-1 class on the adversarial image.</param>
/// <param name="Shape">[C, H, W] with C = 1 or 3.</param>
/// <param name="Clean">The clean pixels (C * H * W values).</param>
/// <param name="Adversarial">The adversarial pixels (C * H * W values).</param>
public sealed record GalleryItem(string Model, string Attack, int Index, long Label, long Prediction,
    IReadOnlyList<int> Shape, IReadOnlyList<float> Clean, IReadOnlyList<float> Adversarial);
