namespace RobustnessGate.Data;

/// <summary>How the images of an image folder become channels: kept as decoded colour, or reduced to one grey channel.</summary>
public enum ImageChannels
{
    /// <summary>Grey (1 channel) when every image of the folder is greyscale (R = G = B at every pixel), else RGB (3 channels).</summary>
    Auto,

    /// <summary>Three channels R, G, B; a greyscale image repeats its value in all three.</summary>
    Rgb,

    /// <summary>One channel; a colour image becomes its ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B (what PIL's convert("L") computes).</summary>
    Grey,
}

/// <summary>Options of <see cref="ImageFolderReader.Load"/>.</summary>
/// <param name="Size">
/// S: resize every image so its shorter side is S, then crop the centre S x S (Su et al.'s ImageNet protocol, the
/// torchvision Resize(S) + CenterCrop(S) pair). Null keeps the decoded size; every image must then have the same size.
/// </param>
/// <param name="Channels">Colour handling, <see cref="ImageChannels.Auto"/> by default.</param>
public sealed record ImageFolderOptions(int? Size = null, ImageChannels Channels = ImageChannels.Auto)
{
    /// <summary>The names accepted by <see cref="ParseChannels"/>, in order: auto, rgb, grey.</summary>
    public static IReadOnlyList<string> ChannelNames { get; } = ["auto", "rgb", "grey"];

    /// <summary>auto, rgb or grey (case-insensitive; gray is accepted for grey) as <see cref="ImageChannels"/>, or null for any other text.</summary>
    public static ImageChannels? ParseChannels(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "auto" => ImageChannels.Auto,
        "rgb" => ImageChannels.Rgb,
        "grey" or "gray" => ImageChannels.Grey,
        _ => null,
    };

    /// <summary>The lowercase name of <paramref name="channels"/> (auto, rgb, grey).</summary>
    public static string ChannelName(ImageChannels channels) => ChannelNames[(int)channels];

    /// <summary>Checks the options: a size must be at least 1.</summary>
    public void Validate()
    {
        if (Size is < 1)
            throw new ArgumentOutOfRangeException(nameof(Size), Size, $"image folder: field 'size': expected a whole number >= 1, found {Size}");
        if (!Enum.IsDefined(Channels))
            throw new ArgumentOutOfRangeException(nameof(Channels), Channels, $"image folder: field 'channels': expected one of {string.Join(", ", ChannelNames)}, found {Channels}");
    }
}
