namespace RobustnessGate.Study.Running;

/// <summary>Progress of a study run.</summary>
/// <param name="Done">Cells finished (computed or reused).</param>
/// <param name="Total">Cells in all.</param>
/// <param name="Cell">The running cell, e.g. "resnet-14 cw top2".</param>
/// <param name="CellFraction">How far the running cell is (0..1).</param>
/// <param name="Reused">Cells taken from an earlier, interrupted run.</param>
public readonly record struct StudyProgress(int Done, int Total, string Cell, double CellFraction, int Reused)
{
    /// <summary>Overall fraction (0..1).</summary>
    public double Fraction => Total == 0 ? 1 : Math.Min(1, (Done + CellFraction) / Total);
}
