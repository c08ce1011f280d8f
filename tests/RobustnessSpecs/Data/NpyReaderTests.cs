using FluentAssertions;
using RobustnessGate.Data;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Data;

public sealed class NpyReaderTests : IDisposable
{
    private readonly string _dir = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Float32_images_of_shape_NCHW_are_read_unchanged()
    {
        NpyWriter.Write(File("x.npy"), "<f4", [2, 1, 1, 2], NpyWriter.Floats(0f, 0.25f, 0.5f, 1f));
        var (pixels, n, c, h, w) = NpyReader.ReadImages(File("x.npy"));
        (n, c, h, w).Should().Be((2, 1, 1, 2));
        pixels.Should().Equal(0f, 0.25f, 0.5f, 1f);
    }

    [Fact]
    public void Uint8_images_of_shape_NHW_are_scaled_by_1_over_255_with_one_channel()
    {
        NpyWriter.Write(File("x.npy"), "|u1", [1, 2, 2], [0, 51, 255, 128]);
        var (pixels, n, c, h, w) = NpyReader.ReadImages(File("x.npy"));
        (n, c, h, w).Should().Be((1, 1, 2, 2));
        pixels.Should().Equal(0f, 51 / 255f, 1f, 128 / 255f);
    }

    [Fact]
    public void Float64_images_are_converted_to_float32()
    {
        NpyWriter.Write(File("x.npy"), "<f8", [1, 1, 1, 2], NpyWriter.Doubles(0.1, 0.9));
        NpyReader.ReadImages(File("x.npy")).Pixels.Should().Equal(0.1f, 0.9f);
    }

    [Theory]
    [InlineData("<i8")]
    [InlineData("<i4")]
    [InlineData("|u1")]
    public void Labels_of_every_supported_integer_type_are_read(string descr)
    {
        byte[] data = descr switch { "<i8" => NpyWriter.Longs(3, 0, 9), "<i4" => NpyWriter.Ints(3, 0, 9), _ => [3, 0, 9] };
        NpyWriter.Write(File("y.npy"), descr, [3], data);
        NpyReader.ReadLabels(File("y.npy")).Should().Equal(3, 0, 9);
    }

    [Fact]
    public void The_fixture_files_written_by_numpy_agree_across_dtypes()
    {
        var dir = Paths.TorchScriptFixtures;
        var f32 = NpyReader.ReadImages(Path.Combine(dir, "images.npy"));
        var f64 = NpyReader.ReadImages(Path.Combine(dir, "images_f64.npy"));
        var u8 = NpyReader.ReadImages(Path.Combine(dir, "images_u8_nhw.npy"));
        (f32.Count, f32.Channels, f32.Height, f32.Width).Should().Be((100, 1, 28, 28));
        f64.Pixels.Should().Equal(f32.Pixels);
        // The float32 file holds byte/255 computed in float32, exactly what the uint8 path computes.
        u8.Pixels.Should().Equal(f32.Pixels);
        var y64 = NpyReader.ReadLabels(Path.Combine(dir, "labels.npy"));
        NpyReader.ReadLabels(Path.Combine(dir, "labels_i32.npy")).Should().Equal(y64);
        NpyReader.ReadLabels(Path.Combine(dir, "labels_u8.npy")).Should().Equal(y64);
    }

    [Fact]
    public void Float_images_outside_0_1_are_refused_with_the_file_and_the_value()
    {
        NpyWriter.Write(File("x.npy"), "<f4", [1, 1, 1, 2], NpyWriter.Floats(0.5f, 255f));
        var act = () => NpyReader.ReadImages(File("x.npy"));
        act.Should().Throw<DataFormatException>().WithMessage("*x.npy*[0, 1]*found 255*");
    }

    [Fact]
    public void An_unsupported_dtype_is_refused_naming_the_expected_ones()
    {
        NpyWriter.Write(File("x.npy"), "<i2", [1, 1, 1, 2], [0, 0, 0, 0]);
        var act = () => NpyReader.ReadImages(File("x.npy"));
        act.Should().Throw<DataFormatException>().WithMessage("*x.npy*float32*float64*uint8*'<i2'*");
    }

    [Fact]
    public void Fortran_order_is_refused()
    {
        NpyWriter.Write(File("x.npy"), "<f4", [1, 1, 1, 2], NpyWriter.Floats(0f, 1f), fortran: true);
        var act = () => NpyReader.ReadImages(File("x.npy"));
        act.Should().Throw<DataFormatException>().WithMessage("*x.npy*fortran_order*");
    }

    [Fact]
    public void A_file_shorter_than_its_shape_is_refused()
    {
        NpyWriter.Write(File("x.npy"), "<f4", [2, 1, 1, 2], NpyWriter.Floats(0f, 1f));
        var act = () => NpyReader.ReadImages(File("x.npy"));
        act.Should().Throw<DataFormatException>().WithMessage("*x.npy*needs 16 data bytes*has 8*");
    }

    [Fact]
    public void A_file_that_is_not_npy_is_refused()
    {
        System.IO.File.WriteAllText(File("x.npy"), "hello");
        var act = () => NpyReader.ReadImages(File("x.npy"));
        act.Should().Throw<DataFormatException>().WithMessage("*x.npy*NUMPY*");
    }

    [Fact]
    public void Labels_with_an_image_shape_are_refused()
    {
        NpyWriter.Write(File("y.npy"), "<i8", [1, 2], NpyWriter.Longs(1, 2));
        var act = () => NpyReader.ReadLabels(File("y.npy"));
        act.Should().Throw<DataFormatException>().WithMessage("*y.npy*shape (N,)*");
    }
}
