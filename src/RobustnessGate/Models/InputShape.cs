namespace RobustnessGate.Models;

/// <summary>The shape of one input image.</summary>
/// <param name="Channels">C.</param>
/// <param name="Height">H.</param>
/// <param name="Width">W.</param>
public sealed record InputShape(int Channels, int Height, int Width)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Channels} x {Height} x {Width}";
}
