namespace RobustnessGate.Models.Architectures;

/// <summary>Branch widths of one inception module.</summary>
/// <param name="OneByOne">Channels of the 1x1 branch.</param>
/// <param name="ThreeReduce">1x1 reduction before the 3x3 convolution.</param>
/// <param name="Three">Channels of the 3x3 branch.</param>
/// <param name="FiveReduce">1x1 reduction before the 5x5 convolution.</param>
/// <param name="Five">Channels of the 5x5 branch.</param>
/// <param name="PoolProjection">1x1 projection after the 3x3 max pool.</param>
internal sealed record InceptionWidths(int OneByOne, int ThreeReduce, int Three, int FiveReduce, int Five, int PoolProjection)
{
    /// <summary>Channels of the concatenated output.</summary>
    public int Output => OneByOne + Three + Five + PoolProjection;
}
