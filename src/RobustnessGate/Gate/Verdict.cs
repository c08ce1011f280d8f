namespace RobustnessGate.Gate;

/// <summary>The outcome of a gate check. Only <see cref="Pass"/> lets the build through.</summary>
public enum Verdict
{
    /// <summary>Every band and tolerance holds.</summary>
    Pass,

    /// <summary>A metric is beyond its break band, regressed beyond its tolerance, or fell behind the frontier.</summary>
    Fail,

    /// <summary>The check measured nothing usable (no image attacked, an undefined metric, no approved baseline): fails closed.</summary>
    Inconclusive,
}
