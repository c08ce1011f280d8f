using System.IO.Compression;
using FluentAssertions;
using RobustnessGate.Data;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _dir = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Images(byte[] pixels, int n, int h, int w) =>
        [0, 0, 0x08, 3, .. BigEndian(n), .. BigEndian(h), .. BigEndian(w), .. pixels];

    private static byte[] BigEndian(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private string Write(string name, byte[] content, bool gzip = false)
    {
        var path = Path.Combine(_dir, name);
        if (!gzip)
        {
            File.WriteAllBytes(path, content);
            return path;
        }
        using var f = File.Create(path);
        using var gz = new GZipStream(f, CompressionLevel.Optimal);
        gz.Write(content);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Plain_and_gzip_images_read_the_same_scaled_by_1_over_255(bool gzip)
    {
        var path = Write("x.idx", Images([0, 255, 51, 102], 1, 2, 2), gzip);
        var (pixels, n, c, h, w) = IdxReader.ReadImages(path);
        (n, c, h, w).Should().Be((1, 1, 2, 2));
        pixels.Should().Equal(0f, 1f, 51 / 255f, 102 / 255f);
    }

    [Fact]
    public void Byte_labels_are_read()
    {
        var path = Write("y.idx", [0, 0, 0x08, 1, .. BigEndian(3), 7, 0, 9]);
        IdxReader.ReadLabels(path).Should().Equal(7, 0, 9);
    }

    [Fact]
    public void The_built_in_split_has_the_documented_sizes_and_class_counts()
    {
        var test = BuiltInData.Load(BuiltInData.TestName);
        var train = BuiltInData.Load(BuiltInData.TrainName);
        (test.Count, train.Count).Should().Be((2000, 8000));
        (test.Channels, test.Height, test.Width).Should().Be((1, 28, 28));
        // The counts in data/mnist/README.md.
        test.Labels.GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count()).Should().Equal(200, 225, 198, 206, 196, 173, 203, 214, 189, 196);
        // Round-robin order: the first ten test images are one of each class.
        test.Labels.Take(10).Should().Equal(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    [Fact]
    public void A_truncated_file_is_refused_naming_the_sizes()
    {
        var path = Write("x.idx", Images([0, 1, 2], 1, 2, 2));
        var act = () => IdxReader.ReadImages(path);
        act.Should().Throw<DataFormatException>().WithMessage("*x.idx*[1 x 2 x 2] needs 20 bytes*has 19*");
    }

    [Fact]
    public void A_wrong_magic_number_is_refused()
    {
        var path = Write("x.idx", [1, 2, 3, 4, 5, 6, 7, 8]);
        var act = () => IdxReader.ReadImages(path);
        act.Should().Throw<DataFormatException>().WithMessage("*x.idx*magic*");
    }

    [Fact]
    public void Image_files_used_as_labels_are_refused()
    {
        var path = Write("x.idx", Images([0, 1, 2, 3], 1, 2, 2));
        var act = () => IdxReader.ReadLabels(path);
        act.Should().Throw<DataFormatException>().WithMessage("*x.idx*labels must have 1 dimension, got 3*");
    }

    [Fact]
    public void Images_and_labels_of_different_counts_are_refused_by_the_loader()
    {
        var x = Write("x.idx", Images([0, 1, 2, 3], 1, 2, 2));
        var y = Write("y.idx", [0, 0, 0x08, 1, .. BigEndian(2), 1, 2]);
        var act = () => ImageSetLoader.Load(x, y);
        act.Should().Throw<DataFormatException>().WithMessage("*y.idx*2 labels*1 images*");
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var act = () => IdxReader.ReadImages(Path.Combine(_dir, "nope.gz"));
        act.Should().Throw<DataFormatException>().WithMessage("*nope.gz*not found*");
    }
}
