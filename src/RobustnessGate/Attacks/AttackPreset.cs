namespace RobustnessGate.Attacks;

/// <summary>
/// A named set of attack settings. <see cref="Strong"/> is the default everywhere a verdict is drawn (evaluate, the gate,
/// the quick study): the settings measured to come closest to the exact minimal distortion, because an attack that stops
/// short overstates robustness. <see cref="Paper"/> reproduces Su et al.'s reference settings exactly (study --budget paper).
/// </summary>
public enum AttackPreset
{
    /// <summary>The strongest settings measurement justifies (see each attack's definition for the measurement).</summary>
    Strong,

    /// <summary>Su et al.'s reference settings, exactly as their code ran them.</summary>
    Paper,
}
