using System.Text.Json;
using FluentAssertions;
using RobustnessGate.Reporting;
using RobustnessGate.Runtime;
using RobustnessGate.Study;
using RobustnessSpecs.TestSupport;
using SkiaSharp;
using Xunit;

namespace RobustnessSpecs.Study;

/// <summary>
/// A study of the user's own RGB models on the user's own image folder, through 'robustness-gate study': two 3 x 32 x 32
/// TorchScript CNNs of make_rgb_fixtures.py (rgb32_inside.pt, rgb32_narrow.pt) on the first 3 PNGs of the shapes folder,
/// FGSM sweep and C&amp;W, giving frontier files, the report and an RGB gallery.
/// </summary>
public sealed class RgbStudySpecs : IDisposable
{
    private readonly string _dir = Paths.TempDirectory();

    public RgbStudySpecs() => TorchRuntime.Configure();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_study_of_two_rgb_models_on_an_image_folder_writes_frontiers_a_report_and_a_colour_gallery()
    {
        var fx = ImageFiles.RgbFixtures;
        var (code, output, err) = CliRunner.Run("study", "--models", $"{Path.Combine(fx, "rgb32_inside.pt")},{Path.Combine(fx, "rgb32_narrow.pt")}",
            "--images", Path.Combine(fx, "shapes"), "--count", "3", "--attacks", "fgsm-sweep,cw", "--targets", "untargeted",
            "--no-transfer", "--out", _dir, "--quiet");
        code.Should().Be(0, err);
        output.Should().Contain("2 models x 2 attacks x 1 targets on the first 3 images of shapes");

        using var study = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "study.json")));
        study.RootElement.GetProperty("dataset").GetProperty("name").GetString().Should().Be("shapes");
        foreach (var name in new[] { "fgsm-sweep-untargeted-linf.json", "cw-untargeted-l2.json" })
        {
            using var frontier = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "frontiers", name)));
            var models = frontier.RootElement.GetProperty("models").EnumerateArray().ToList();
            models.Select(m => m.GetProperty("name").GetString()).Should().BeEquivalentTo(["rgb32_inside", "rgb32_narrow"], name);
            models.Should().OnlyContain(m => m.GetProperty("accuracy").GetDouble() == 1.0 && m.GetProperty("meanDistortion").GetDouble() > 0,
                "both models classify all 12 PNGs (PyTorch: expected.json) and every attack moved them");
            frontier.RootElement.GetProperty("protocol").GetProperty("accuracyCount").GetInt32().Should().Be(12);
        }
        File.ReadAllText(Path.Combine(_dir, "report", "report.md")).Should().Contain("rgb32_narrow").And.Contain("## Gallery");

        using var gallery = SKBitmap.Decode(Path.Combine(_dir, "report", "plots", "gallery.png"));
        // The clean images are grey backgrounds with a blue square (class blue-square comes first): the clean column
        // (x 16..184) of the first row (y 38..206) has pixels whose blue exceeds red by far.
        bool blue = false;
        for (int y = 40; y < 200 && !blue; y += 2)
        {
            for (int x = 18; x < 182 && !blue; x += 2)
                blue = gallery.GetPixel(x, y) is var p && p.Blue > p.Red + 100;
        }
        blue.Should().BeTrue("the gallery paints the RGB images in colour");
    }

    [Fact]
    public void A_study_with_mean_and_std_measures_the_raw_model_as_its_twin_with_the_normalisation_inside_the_graph()
    {
        // rgb32.pt expects (x - mean) / std with the values of expected.json; rgb32_inside.pt is the same network with that
        // normalisation in its graph. Studied with --mean/--std, the first must measure what the second measures without:
        // the same clean accuracy and the same successes, and distortions equal up to float32 round-off of the two graphs
        // (the tool divides by std where the graph multiplies by 1/std; 1e-3 relative is generous against the 1e-4 logit
        // agreement measured in ImageFolderCliSpecs, and far below any difference between two models).
        var fx = ImageFiles.RgbFixtures;
        var outside = Path.Combine(_dir, "outside");
        var inside = Path.Combine(_dir, "inside");
        string[] common = ["--images", Path.Combine(fx, "shapes"), "--count", "6", "--attacks", "cw", "--targets", "untargeted", "--no-transfer", "--no-clever", "--quiet"];
        var (code, _, err) = CliRunner.Run(["study", "--models", Path.Combine(fx, "rgb32.pt"), "--mean", "0.45,0.5,0.4", "--std", "0.25,0.2,0.3", "--out", outside, .. common]);
        code.Should().Be(0, err);
        (code, _, err) = CliRunner.Run(["study", "--models", Path.Combine(fx, "rgb32_inside.pt"), "--out", inside, .. common]);
        code.Should().Be(0, err);

        using var a = JsonDocument.Parse(File.ReadAllText(Path.Combine(outside, "study.json")));
        using var b = JsonDocument.Parse(File.ReadAllText(Path.Combine(inside, "study.json")));
        a.RootElement.GetProperty("models")[0].GetProperty("testAccuracy").GetDouble().Should().Be(1.0, "rgb32.pt normalised by the tool classifies all 12 PNGs");
        var cellA = a.RootElement.GetProperty("cells")[0];
        var cellB = b.RootElement.GetProperty("cells")[0];
        cellA.GetProperty("succeeded").GetInt32().Should().Be(cellB.GetProperty("succeeded").GetInt32()).And.BeGreaterThan(0);
        double l2A = cellA.GetProperty("distortion").GetProperty("l2").GetProperty("mean").GetDouble();
        double l2B = cellB.GetProperty("distortion").GetProperty("l2").GetProperty("mean").GetDouble();
        l2A.Should().BeApproximately(l2B, 1e-3 * l2B);
    }

    [Fact]
    public void A_study_refuses_mean_without_std_and_a_mean_that_does_not_fit_the_channels()
    {
        var fx = ImageFiles.RgbFixtures;
        var (code, _, err) = CliRunner.Run("study", "--models", Path.Combine(fx, "rgb32.pt"), "--images", Path.Combine(fx, "shapes"), "--mean", "0.5", "--out", _dir, "--quiet");
        code.Should().Be(2);
        err.Should().Contain("--mean and --std go together");
        (code, _, err) = CliRunner.Run("study", "--models", Path.Combine(fx, "rgb32.pt"), "--images", Path.Combine(fx, "shapes"), "--mean", "0.5,0.5", "--std", "0.2,0.2", "--out", _dir, "--quiet");
        code.Should().Be(2);
        err.Should().Contain("option --mean");
    }

    [Fact]
    public void The_gallery_reduces_a_224_image_into_its_cell_without_losing_its_colour()
    {
        // 3 x 224 x 224: left half red, right half green. Reduced by 168 / 224 with trilinear sampling, the cell's left and
        // right quarters stay pure red and pure green (every sample there mixes only equal pixels).
        const int S = 224;
        var clean = new float[3 * S * S];
        for (int y = 0; y < S; y++)
        {
            for (int x = 0; x < S; x++)
                clean[(x < S / 2 ? 0 : 1) * S * S + y * S + x] = 1f;
        }
        var item = new GalleryItem("m", "cw", 0, 1, 2, [3, S, S], clean, clean);

        using var bitmap = SKBitmap.Decode(GalleryPainter.Paint([item]));

        bitmap.GetPixel(16 + 20, 38 + 84).Should().Be(new SKColor(255, 0, 0));
        bitmap.GetPixel(16 + 148, 38 + 84).Should().Be(new SKColor(0, 255, 0));
        bitmap.GetPixel(384 + 84, 38 + 84).Should().Be(new SKColor(128, 128, 128), "no change: mid-grey (0.5 rounds to 128)");
    }
}
