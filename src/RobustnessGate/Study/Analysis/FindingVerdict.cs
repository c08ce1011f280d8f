namespace RobustnessGate.Study.Analysis;

/// <summary>Whether this study reproduces one of the paper's findings.</summary>
public enum FindingVerdict
{
    /// <summary>Our numbers agree with the finding by its documented rule.</summary>
    Reproduced,

    /// <summary>Our numbers contradict it.</summary>
    NotReproduced,

    /// <summary>Our numbers neither confirm nor contradict it (mixed, or not significant).</summary>
    Inconclusive,

    /// <summary>The study has no data for it (e.g. transferability was not run).</summary>
    NotMeasured,
}
