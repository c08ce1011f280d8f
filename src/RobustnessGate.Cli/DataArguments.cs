using RobustnessGate.Data;

namespace RobustnessGate.Cli;

/// <summary>
/// The data flags shared by evaluate, study, clever and transfer: --images (a built-in split, an image file or an image
/// folder), --labels (with image files only), and --image-size / --channels (with image folders only).
/// </summary>
internal sealed record DataArguments(string Images, string? Labels, int? ImageSize, ImageChannels? Channels)
{
    /// <summary>One line for each command's help.</summary>
    public const string Usage = "[--images <x.npy | idx | folder | mnist-test>] [--labels <y.npy | idx>] [--image-size S] [--channels auto|rgb|grey]";

    /// <summary>The help text of the four flags.</summary>
    public const string Help = """
          --images     images: .npy (float32/float64 in [0,1] or uint8; N x C x H x W or N x H x W), IDX (plain or .gz),
                       an image folder root/<class>/*.png|jpg|jpeg|bmp|webp (classes in ordinal folder order, or the
                       order of root/classes.txt; --labels is then not used), or the built-in split mnist-test
                       (default) / mnist-train
          --labels     labels of an image file: .npy (int64/int32/uint8) or IDX
          --image-size image folders: resize the shorter side to S, then crop the centre S x S (default: keep the
                       decoded size; all images must then have the same size)
          --channels   image folders: auto (default: grey when every image is greyscale, else rgb), rgb or grey
        """;

    /// <summary>Reads and removes the four flags, and checks that they fit together before any work starts.</summary>
    public static DataArguments Read(CommandLine cl)
    {
        ArgumentNullException.ThrowIfNull(cl);
        var images = cl.String("images") ?? BuiltInData.TestName;
        var labels = cl.String("labels");
        var size = cl.Int("image-size", 1);
        var channelsText = cl.String("channels");
        ImageChannels? channels = channelsText is null ? null : ImageFolderOptions.ParseChannels(channelsText)
            ?? throw new UsageException($"option --channels: expected one of {string.Join(", ", ImageFolderOptions.ChannelNames)}, found '{channelsText}'");
        bool folder = !BuiltInData.IsBuiltIn(images) && Directory.Exists(images);
        if (folder && labels is not null)
            throw new UsageException($"--labels is not used with the image folder {images}: labels are its class folders (drop --labels)");
        if (!folder && size is not null)
            throw new UsageException($"--image-size applies to image folders only; --images {images} is not a folder");
        if (!folder && channels is not null)
            throw new UsageException($"--channels applies to image folders only; --images {images} is not a folder");
        return new DataArguments(images, labels, size, channels);
    }

    /// <summary>Loads the images: built-in split, image folder, or image and label files.</summary>
    public ImageSet Load()
    {
        if (BuiltInData.IsBuiltIn(Images))
        {
            if (Labels is not null)
                throw new UsageException($"--labels is not used with the built-in data set '{Images}'");
            return BuiltInData.Load(Images);
        }
        if (Directory.Exists(Images))
            return ImageFolderReader.Load(Images, new ImageFolderOptions(ImageSize, Channels ?? ImageChannels.Auto));
        if (Labels is null)
            throw new UsageException($"--labels is required with --images {Images}");
        return ImageSetLoader.Load(Images, Labels);
    }
}
