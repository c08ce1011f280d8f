namespace RobustnessGate.Clever;

/// <summary>The CLEVER score of one image; null fields where nothing was computed (a misclassified image).</summary>
/// <param name="Index">Index of the image in its data set.</param>
/// <param name="Label">True label.</param>
/// <param name="Prediction">The model's clean prediction.</param>
/// <param name="Target">The target class; untargeted: the class of the smallest targeted score. Null for a misclassified image.</param>
/// <param name="Score">min(g(x0) / L, R): the estimated lower bound of the minimal distortion in the run's norm.</param>
/// <param name="Lipschitz">L, the fitted location of the reverse Weibull of the batch maxima of the dual gradient norm.</param>
/// <param name="G0">g(x0) = z_label(x0) - z_target(x0), the logit margin.</param>
/// <param name="KsPValue">Kolmogorov-Smirnov p-value of the fit; null when the maxima were all equal and no fit was made.</param>
/// <param name="Capped">Whether g(x0) / L exceeded R and the score is R.</param>
public sealed record CleverExample(int Index, long Label, long Prediction, long? Target, double? Score, double? Lipschitz, double? G0,
    double? KsPValue, bool Capped);
