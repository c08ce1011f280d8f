using RobustnessGate.Metrics;

namespace RobustnessGate.Study;

/// <summary>
/// CLEVER scores of one model in one norm and target mode (Weng et al., ICLR 2018; Su et al., ECCV 2018, section 4), with
/// the distortion the study's attack of the same norm needed on the same image: CLEVER estimates a lower bound of the
/// minimal distortion, so a score above a verified attack's distortion is an estimate that missed.
/// </summary>
/// <param name="Model">Name of a model in <see cref="StudyResults.Models"/>.</param>
/// <param name="Norm">l2, linf or l1.</param>
/// <param name="Target">Target mode: untargeted, random, least-likely or top2.</param>
/// <param name="Samples">N_s, points per batch.</param>
/// <param name="Batches">N_b, batch maxima fitted.</param>
/// <param name="Radius">R, the sampling radius and the cap of the score.</param>
/// <param name="Scored">Images scored (the correctly classified ones among those used).</param>
/// <param name="Score">Mean, std and median of the scores; also read as the "distortion" of this norm by the scaling law and
/// the Pareto frontier.</param>
/// <param name="ComparedAttack">The study attack of this norm whose per-image distortion is given (cw for l2, ifgsm for
/// linf, ead for l1), untargeted; null when the study did not run it.</param>
/// <param name="Images">One entry per scored image.</param>
public sealed record StudyCleverCell(string Model, string Norm, string Target, int Samples, int Batches, double Radius, int Scored,
    Summary Score, string? ComparedAttack, IReadOnlyList<CleverImage> Images);

/// <summary>The CLEVER score of one image beside the distortion of the compared attack on it.</summary>
/// <param name="Index">Index of the image in the data set.</param>
/// <param name="Score">The CLEVER score (capped at the radius).</param>
/// <param name="Capped">Whether the score hit the cap.</param>
/// <param name="AttackDistortion">The compared attack's distortion of this image in the same norm; null when it failed on it
/// or did not run.</param>
public sealed record CleverImage(int Index, double Score, bool Capped, double? AttackDistortion);
