namespace RobustnessGate.Study.Running;

/// <summary>How much a study spends per cell. Compare models within one budget only.</summary>
public enum StudyBudget
{
    /// <summary>The strong preset with shortened searches, on 100 images: 18 models x 4 attacks x 2 targets within 15 minutes on 2 cores.</summary>
    Quick,

    /// <summary>Su et al.'s settings exactly (the paper preset), on 100 images: hours on 2 cores.</summary>
    Paper,
}
