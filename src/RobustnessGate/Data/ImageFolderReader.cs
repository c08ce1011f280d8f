namespace RobustnessGate.Data;

/// <summary>
/// Loads an image folder in the torchvision ImageFolder convention: <c>root/&lt;class&gt;/*.png|jpg|jpeg|bmp|webp</c>.
/// Labels are class indices in ordinal folder-name order, or in the order of <c>root/classes.txt</c> (one class folder
/// name per line) when that file exists. Files within a class are taken in ordinal name order, so the set and its
/// <see cref="ImageSet.Sha256"/> are the same on every machine. Hidden files and folders (name starting with '.') are
/// ignored; anything else that is not an image is an error naming the file.
/// </summary>
public static class ImageFolderReader
{
    /// <summary>The file that fixes the class order, inside the root folder.</summary>
    public const string ClassesFile = "classes.txt";

    /// <summary>The accepted file extensions (case-insensitive).</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".jpg", ".jpeg", ".bmp", ".webp"];

    /// <summary>Decodes every image of the folder into an <see cref="ImageSet"/> (N x C x H x W in [0, 1], named after the folder).</summary>
    /// <exception cref="DataFormatException">A missing or empty folder, an unlisted or missing class, an unsupported or undecodable file, or (without a size) images of different sizes; the message names the file.</exception>
    public static ImageSet Load(string root, ImageFolderOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var classes = Classes(root);
        var files = new List<(string Path, int Label)>();
        for (int label = 0; label < classes.Count; label++)
        {
            var dir = Path.Combine(root, classes[label]);
            var images = ClassFiles(dir);
            if (images.Count == 0)
                throw new DataFormatException(dir, $"class '{classes[label]}' has no images; expected at least one {string.Join(", ", Extensions)} file");
            files.AddRange(images.Select(f => (f, label)));
        }
        var decoded = new List<DecodedImage>(files.Count);
        foreach (var (path, _) in files)
        {
            var image = ImageDecoder.Decode(path);
            if (options.Size is { } s)
                image = ImageDecoder.ResizeAndCrop(image, s);
            else if (decoded.Count > 0 && (image.Width != decoded[0].Width || image.Height != decoded[0].Height))
                throw new DataFormatException(path, $"image size {image.Width} x {image.Height} differs from {decoded[0].Width} x {decoded[0].Height} of {decoded[0].Path}; expected one size (or give a size to resize and crop to)");
            decoded.Add(image);
        }
        bool grey = options.Channels switch
        {
            ImageChannels.Grey => true,
            ImageChannels.Rgb => false,
            _ => decoded.All(d => d.IsGrey),
        };
        int c = grey ? 1 : 3, h = decoded[0].Height, w = decoded[0].Width, plane = h * w;
        var pixels = new float[(long)decoded.Count * c * plane];
        for (int n = 0; n < decoded.Count; n++)
            Fill(decoded[n], grey, pixels.AsSpan(n * c * plane, c * plane));
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)));
        return new ImageSet(name, pixels, files.Select(f => (long)f.Label).ToArray(), c, h, w);
    }

    /// <summary>The class folder names in label order: the lines of classes.txt, or the non-hidden sub-folders in ordinal order.</summary>
    /// <exception cref="DataFormatException">The root is missing or has no class folders, or classes.txt does not list exactly the class folders.</exception>
    public static IReadOnlyList<string> Classes(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (!Directory.Exists(root))
            throw new DataFormatException(root, "image folder not found; expected a folder with one sub-folder of images per class");
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        if (folders.Count == 0)
            throw new DataFormatException(root, "no class folders; expected root/<class>/*.png (one sub-folder of images per class)");
        var listPath = Path.Combine(root, ClassesFile);
        if (!File.Exists(listPath))
            return folders;
        var listed = new List<string>();
        var lines = File.ReadAllLines(listPath);
        for (int i = 0; i < lines.Length; i++)
        {
            var name = lines[i].Trim();
            if (name.Length == 0)
                continue;
            if (listed.Contains(name, StringComparer.Ordinal))
                throw new DataFormatException(listPath, $"line {i + 1}: class '{name}' is listed twice; expected each class folder once");
            if (!folders.Contains(name, StringComparer.Ordinal))
                throw new DataFormatException(listPath, $"line {i + 1}: class '{name}': expected a folder {Path.Combine(root, name)}, found none");
            listed.Add(name);
        }
        if (folders.FirstOrDefault(f => !listed.Contains(f, StringComparer.Ordinal)) is { } missing)
            throw new DataFormatException(listPath, $"class folder '{missing}' is not listed; expected every class folder of {root} in the file, one per line");
        return listed;
    }

    private static List<string> ClassFiles(string dir)
    {
        if (Directory.GetDirectories(dir).FirstOrDefault(d => !Path.GetFileName(d).StartsWith('.')) is { } nested)
            throw new DataFormatException(nested, "a folder inside a class folder; expected only image files (root/<class>/*.png)");
        var files = Directory.GetFiles(dir).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        foreach (var f in files)
        {
            var ext = Path.GetExtension(f);
            if (!Extensions.Contains(ext, StringComparer.OrdinalIgnoreCase))
                throw new DataFormatException(f, $"unsupported extension '{ext}'; expected one of {string.Join(", ", Extensions)}");
        }
        return files;
    }

    private static void Fill(DecodedImage image, bool grey, Span<float> target)
    {
        var rgb = image.Rgb;
        int plane = image.Width * image.Height;
        for (int p = 0; p < plane; p++)
        {
            byte r = rgb[3 * p], g = rgb[3 * p + 1], b = rgb[3 * p + 2];
            if (grey)
            {
                target[p] = image.IsGrey ? r / 255f : Math.Clamp((0.299f * r + 0.587f * g + 0.114f * b) / 255f, 0f, 1f);
            }
            else
            {
                target[p] = r / 255f;
                target[plane + p] = g / 255f;
                target[2 * plane + p] = b / 255f;
            }
        }
    }
}
