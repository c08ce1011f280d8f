using RobustnessGate.Data;

namespace RobustnessGate.Gate;

/// <summary>Where a check's images come from: a built-in split, image and label files, or an image folder.</summary>
/// <param name="BuiltIn">Built-in split name (mnist-test, mnist-train), or null.</param>
/// <param name="Images">Image file (absolute path), or null.</param>
/// <param name="Labels">Label file (absolute path), or null.</param>
public sealed record DataSource(string? BuiltIn, string? Images, string? Labels)
{
    /// <summary>Image folder root (absolute path) in the ImageFolder convention (<see cref="ImageFolderReader"/>), or null.</summary>
    public string? Folder { get; init; }

    /// <summary>Size and channels of <see cref="Folder"/>; null for other sources.</summary>
    public ImageFolderOptions? FolderOptions { get; init; }

    /// <summary>An image-folder source.</summary>
    public static DataSource ImageFolder(string folder, ImageFolderOptions options) =>
        new(null, null, null) { Folder = folder, FolderOptions = options };

    /// <summary>
    /// A stable text naming the source (to load each source once). A folder's key names its options too; the result
    /// cache does not use this key but the decoded content's SHA-256 (<see cref="ImageSet.Sha256"/>), so an edited image
    /// is never served a stale result.
    /// </summary>
    public string Key => BuiltIn ?? (Folder is not null
        ? $"folder:{Folder}|size={FolderOptions?.Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "decoded"}|channels={ImageFolderOptions.ChannelName(FolderOptions?.Channels ?? ImageChannels.Auto)}"
        : $"{Images}|{Labels}");

    /// <summary>Loads the images.</summary>
    public ImageSet Load() =>
        BuiltIn is { } name ? BuiltInData.Load(name)
        : Folder is not null ? ImageFolderReader.Load(Folder, FolderOptions ?? new ImageFolderOptions())
        : ImageSetLoader.Load(Images!, Labels!);
}
