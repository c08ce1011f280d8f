using FluentAssertions;
using RobustnessGate.Data;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Data;

/// <summary>
/// ImageFolderReader: exact decoding of known PNGs (written by tools/fixtures/make_rgb_fixtures.py with PIL), the
/// resize + centre-crop geometry of torchvision's Resize(S) + CenterCrop(S), channel handling, class order and file order.
/// </summary>
public sealed class ImageFolderReaderSpecs : IDisposable
{
    private readonly string _dir = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The values of PIXELS_RGB and PIXELS_GREY in tools/fixtures/make_rgb_fixtures.py (rows of 4 pixels, 2 rows).
    private static readonly byte[,,] KnownRgb =
    {
        { { 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 }, { 255, 255, 255 } },
        { { 0, 0, 0 }, { 128, 64, 32 }, { 10, 20, 30 }, { 200, 100, 50 } },
    };

    private static readonly byte[,] KnownGrey = { { 0, 64, 128, 255 }, { 255, 128, 64, 0 } };

    private string FolderWith(string file, string name = "x")
    {
        var root = Path.Combine(_dir, "set-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(root, name));
        File.Copy(Path.Combine(ImageFiles.RgbFixtures, file), Path.Combine(root, name, file));
        return root;
    }

    [Fact]
    public void A_known_rgb_png_decodes_to_its_exact_values_over_255_in_planar_order()
    {
        var set = ImageFolderReader.Load(FolderWith("pixels_rgb.png"), new ImageFolderOptions());

        set.Channels.Should().Be(3);
        (set.Height, set.Width, set.Count).Should().Be((2, 4, 1));
        var p = set.Pixels(0);
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < 2; y++)
            {
                for (int x = 0; x < 4; x++)
                    p[(c * 2 + y) * 4 + x].Should().Be(KnownRgb[y, x, c] / 255f, $"channel {c}, pixel ({x}, {y}): PNG is lossless");
            }
        }
    }

    [Fact]
    public void A_greyscale_png_is_one_channel_under_auto_and_three_equal_channels_under_rgb()
    {
        var root = FolderWith("pixels_grey.png");
        var auto = ImageFolderReader.Load(root, new ImageFolderOptions());
        auto.Channels.Should().Be(1);
        auto.Pixels(0).ToArray().Should().Equal(Enumerable.Range(0, 8).Select(i => KnownGrey[i / 4, i % 4] / 255f));

        var rgb = ImageFolderReader.Load(root, new ImageFolderOptions(Channels: ImageChannels.Rgb));
        rgb.Channels.Should().Be(3);
        var p = rgb.Pixels(0).ToArray();
        p[..8].Should().Equal(p[8..16]).And.Equal(p[16..]);
        p[..8].Should().Equal(auto.Pixels(0).ToArray());
    }

    [Fact]
    public void Grey_of_a_colour_image_is_the_bt601_luma()
    {
        var set = ImageFolderReader.Load(FolderWith("pixels_rgb.png"), new ImageFolderOptions(Channels: ImageChannels.Grey));

        set.Channels.Should().Be(1);
        var p = set.Pixels(0);
        for (int y = 0; y < 2; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                float luma = (0.299f * KnownRgb[y, x, 0] + 0.587f * KnownRgb[y, x, 1] + 0.114f * KnownRgb[y, x, 2]) / 255f;
                p[y * 4 + x].Should().BeApproximately(luma, 1e-6f, "0.299 R + 0.587 G + 0.114 B in float32 (rounding ~1e-7)");
            }
        }
    }

    [Fact]
    public void A_mixed_folder_is_rgb_under_auto()
    {
        var root = FolderWith("pixels_rgb.png", "a");
        Directory.CreateDirectory(Path.Combine(root, "b"));
        File.Copy(Path.Combine(ImageFiles.RgbFixtures, "pixels_grey.png"), Path.Combine(root, "b", "g.png"));

        var set = ImageFolderReader.Load(root, new ImageFolderOptions());

        set.Channels.Should().Be(3);
        set.Labels.Should().Equal(0L, 1L);
        set.Pixels(1)[..8].ToArray().Should().Equal(set.Pixels(1)[8..16].ToArray(), "a grey image repeats its value in R, G and B");
    }

    [Fact]
    public void Size_2_on_the_4x2_image_only_crops_the_centre_columns_1_and_2()
    {
        // Shorter side 2 = S: Resize(2) keeps 4 x 2 (no resampling); CenterCrop(2) starts at round((4 - 2) / 2) = 1.
        var set = ImageFolderReader.Load(FolderWith("pixels_rgb.png"), new ImageFolderOptions(Size: 2));

        (set.Channels, set.Height, set.Width).Should().Be((3, 2, 2));
        var p = set.Pixels(0);
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < 2; y++)
            {
                for (int x = 0; x < 2; x++)
                    p[(c * 2 + y) * 2 + x].Should().Be(KnownRgb[y, x + 1, c] / 255f);
            }
        }
    }

    [Fact]
    public void Halving_averages_each_2x2_block_then_the_centre_is_cropped()
    {
        // 8 x 4 -> S = 2: resized to 4 x 2 (scale exactly 1/2), crop columns 1..2. At scale 1/2 a bilinear sample at a
        // target pixel centre lies midway between 2 x 2 source centres (their equal-weight mean), and mip level 1 is the
        // same 2 x 2 box mean, so the trilinear result is the block mean; 8-bit storage of the resized image rounds it,
        // hence a tolerance of 1/255 (plus float noise).
        var root = Path.Combine(_dir, "halve");
        ImageFiles.Png(Path.Combine(root, "c", "i.png"), 8, 4, (x, y) => ((byte)(x * 30 + y * 5), (byte)(200 - x * 20), (byte)(y * 60)));
        var set = ImageFolderReader.Load(root, new ImageFolderOptions(Size: 2));

        (set.Height, set.Width).Should().Be((2, 2));
        var p = set.Pixels(0);
        for (int y = 0; y < 2; y++)
        {
            for (int x = 0; x < 2; x++)
            {
                int sx = 2 * (x + 1), sy = 2 * y;
                double Mean(Func<int, int, int> v) => (v(sx, sy) + v(sx + 1, sy) + v(sx, sy + 1) + v(sx + 1, sy + 1)) / 4.0 / 255.0;
                p[(0 * 2 + y) * 2 + x].Should().BeApproximately((float)Mean((a, b) => a * 30 + b * 5), 1.01f / 255);
                p[(1 * 2 + y) * 2 + x].Should().BeApproximately((float)Mean((a, _) => 200 - a * 20), 1.01f / 255);
                p[(2 * 2 + y) * 2 + x].Should().BeApproximately((float)Mean((_, b) => b * 60), 1.01f / 255);
            }
        }
    }

    [Theory]
    [InlineData(4, 2, 2, 4, 2, 1, 0)]          // shorter side already S: crop only
    [InlineData(300, 240, 224, 280, 224, 28, 0)]  // landscape: 224 * 300 / 240 = 280
    [InlineData(240, 300, 224, 224, 280, 0, 28)]  // portrait
    [InlineData(5, 2, 2, 5, 2, 2, 0)]          // round(1.5) = 2 (half to even, as Python's round)
    [InlineData(7, 2, 2, 7, 2, 2, 0)]          // round(2.5) = 2
    [InlineData(2, 3, 4, 4, 6, 0, 1)]          // enlarging: 4 * 3 / 2 = 6
    [InlineData(256, 320, 224, 224, 280, 0, 28)]
    [InlineData(10, 33, 4, 4, 13, 0, 4)]       // floor(4 * 33 / 10) = 13, round(4.5) = 4
    public void Geometry_is_torchvision_resize_then_centre_crop(int w, int h, int s, int rw, int rh, int left, int top) =>
        ImageDecoder.Geometry(w, h, s).Should().Be((rw, rh, left, top));

    [Fact]
    public void The_fixture_folder_has_three_sorted_classes_of_four_pngs_in_ordinal_file_order()
    {
        var root = Path.Combine(ImageFiles.RgbFixtures, "shapes");
        ImageFolderReader.Classes(root).Should().Equal("blue-square", "green-disc", "red-bar");
        var set = ImageFolderReader.Load(root, new ImageFolderOptions());

        (set.Count, set.Channels, set.Height, set.Width).Should().Be((12, 3, 32, 32));
        set.Labels.Should().Equal(0L, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2);
        set.Name.Should().Be("shapes");
        ImageFolderReader.Load(root, new ImageFolderOptions()).Sha256.Should().Be(set.Sha256, "decoding is deterministic");
    }

    [Fact]
    public void Jpegs_of_other_sizes_become_224_squares()
    {
        var set = ImageFolderReader.Load(Path.Combine(ImageFiles.RgbFixtures, "large"), new ImageFolderOptions(Size: 224));
        (set.Count, set.Channels, set.Height, set.Width).Should().Be((4, 3, 224, 224));
        set.Labels.Should().Equal(0L, 0, 1, 1);
    }

    [Fact]
    public void Classes_txt_fixes_the_label_order_and_files_sort_ordinally()
    {
        var root = Path.Combine(_dir, "ordered");
        ImageFiles.Flat(Path.Combine(root, "a", "9.png"), 2, 2, 10, 10, 10);
        ImageFiles.Flat(Path.Combine(root, "a", "10.png"), 2, 2, 20, 20, 20);
        ImageFiles.Flat(Path.Combine(root, "b", "x.png"), 2, 2, 30, 30, 30);
        File.WriteAllText(Path.Combine(root, ".hidden"), "ignored");
        File.WriteAllText(Path.Combine(root, "a", ".DS_Store"), "ignored");

        var sorted = ImageFolderReader.Load(root, new ImageFolderOptions());
        sorted.Labels.Should().Equal(0L, 0, 1);
        sorted.Pixels(0)[0].Should().Be(20 / 255f, "'10.png' sorts before '9.png' ordinally");

        File.WriteAllText(Path.Combine(root, "classes.txt"), "b\n\na\n");
        var listed = ImageFolderReader.Load(root, new ImageFolderOptions());
        listed.Labels.Should().Equal(0L, 1, 1);
        listed.Pixels(0)[0].Should().Be(30 / 255f, "class b is listed first, so its image comes first with label 0");
        listed.Sha256.Should().NotBe(sorted.Sha256);
    }
}
