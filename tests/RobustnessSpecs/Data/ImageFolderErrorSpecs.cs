using FluentAssertions;
using RobustnessGate.Data;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Data;

/// <summary>Every way an image folder can be wrong is a DataFormatException naming the file (or folder) and what was expected.</summary>
public sealed class ImageFolderErrorSpecs : IDisposable
{
    private readonly string _root = Path.Combine(Paths.TempDirectory(), "set");

    public ImageFolderErrorSpecs()
    {
        ImageFiles.Flat(Path.Combine(_root, "cat", "a.png"), 4, 4, 1, 2, 3);
        ImageFiles.Flat(Path.Combine(_root, "dog", "b.png"), 4, 4, 4, 5, 6);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_root)!, recursive: true);

    private DataFormatException Error(ImageFolderOptions? options = null)
    {
        var act = () => ImageFolderReader.Load(_root, options ?? new ImageFolderOptions());
        return act.Should().Throw<DataFormatException>().Which;
    }

    [Fact]
    public void A_missing_folder_is_named()
    {
        var act = () => ImageFolderReader.Load(Path.Combine(_root, "nope"), new ImageFolderOptions());
        act.Should().Throw<DataFormatException>().WithMessage($"{Path.Combine(_root, "nope")}: image folder not found*");
    }

    [Fact]
    public void A_folder_without_class_folders_is_an_error()
    {
        var empty = Path.Combine(_root, "dog", "..", "..", "empty");
        Directory.CreateDirectory(empty);
        var act = () => ImageFolderReader.Load(empty, new ImageFolderOptions());
        act.Should().Throw<DataFormatException>().WithMessage("*no class folders; expected root/<class>/*.png*");
    }

    [Fact]
    public void An_empty_class_folder_is_named()
    {
        Directory.CreateDirectory(Path.Combine(_root, "eel"));
        Error().Path.Should().Be(Path.Combine(_root, "eel"));
        Error().Message.Should().Contain("class 'eel' has no images; expected at least one .png, .jpg, .jpeg, .bmp, .webp file");
    }

    [Fact]
    public void An_undecodable_file_is_named()
    {
        var bad = Path.Combine(_root, "cat", "broken.png");
        File.WriteAllText(bad, "not a png");
        var e = Error();
        e.Path.Should().Be(bad);
        e.Message.Should().Contain("cannot be decoded as an image");
    }

    [Fact]
    public void A_truncated_png_is_named()
    {
        var bad = Path.Combine(_root, "cat", "cut.png");
        var whole = File.ReadAllBytes(Path.Combine(ImageFiles.RgbFixtures, "shapes", "red-bar", "00.png"));
        File.WriteAllBytes(bad, whole[..(whole.Length / 2)]);
        Error().Path.Should().Be(bad);
    }

    [Fact]
    public void An_unsupported_extension_is_named_and_hidden_files_are_ignored()
    {
        File.WriteAllText(Path.Combine(_root, "cat", ".DS_Store"), "x");
        ImageFolderReader.Load(_root, new ImageFolderOptions()).Count.Should().Be(2);
        var gif = Path.Combine(_root, "cat", "c.gif");
        File.WriteAllText(gif, "GIF89a");
        var e = Error();
        e.Path.Should().Be(gif);
        e.Message.Should().Contain("unsupported extension '.gif'; expected one of .png, .jpg, .jpeg, .bmp, .webp");
    }

    [Fact]
    public void A_folder_inside_a_class_folder_is_named()
    {
        Directory.CreateDirectory(Path.Combine(_root, "cat", "more"));
        Error().Path.Should().Be(Path.Combine(_root, "cat", "more"));
    }

    [Fact]
    public void Without_a_size_an_image_of_another_size_is_named_with_both_sizes()
    {
        var odd = Path.Combine(_root, "dog", "c.png");
        ImageFiles.Flat(odd, 5, 3, 0, 0, 0);
        var e = Error();
        e.Path.Should().Be(odd);
        e.Message.Should().Contain("image size 5 x 3 differs from 4 x 4 of " + Path.Combine(_root, "cat", "a.png"));
        ImageFolderReader.Load(_root, new ImageFolderOptions(Size: 3)).Count.Should().Be(3, "with a size every image is resized and cropped");
    }

    [Fact]
    public void Classes_txt_must_list_existing_folders_each_once_and_every_folder()
    {
        var list = Path.Combine(_root, "classes.txt");
        File.WriteAllText(list, "dog\ncat\nbird\n");
        Error().Message.Should().Be($"{list}: line 3: class 'bird': expected a folder {Path.Combine(_root, "bird")}, found none");
        File.WriteAllText(list, "dog\n");
        Error().Message.Should().Be($"{list}: class folder 'cat' is not listed; expected every class folder of {_root} in the file, one per line");
        File.WriteAllText(list, "dog\ncat\ndog\n");
        Error().Message.Should().Be($"{list}: line 3: class 'dog' is listed twice; expected each class folder once");
        File.WriteAllText(list, "dog\ncat\n");
        var set = ImageFolderReader.Load(_root, new ImageFolderOptions());
        set.Labels.Should().Equal(0L, 1L);
        set.Pixels(0)[0].Should().Be(4 / 255f, "dog is listed first: its image comes first, with label 0");
    }

    [Fact]
    public void A_size_below_1_is_refused()
    {
        var act = () => ImageFolderReader.Load(_root, new ImageFolderOptions(Size: 0));
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*field 'size': expected a whole number >= 1, found 0*");
    }
}
