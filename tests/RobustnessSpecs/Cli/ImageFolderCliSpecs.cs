using System.Text.Json;
using FluentAssertions;
using RobustnessGate.Data;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Cli;

/// <summary>
/// The image-folder flags end to end through the CLI, on the RGB fixtures of tools/fixtures/make_rgb_fixtures.py: a
/// 3 x 32 x 32 CNN whose per-channel normalisation the tool applies (--mean/--std), and a 3 x 224 x 224 model on JPEGs of
/// other sizes resized and cropped by --image-size.
/// </summary>
public sealed class ImageFolderCliSpecs : IDisposable
{
    private static readonly string Fx = ImageFiles.RgbFixtures;
    private static readonly string Shapes = Path.Combine(Fx, "shapes");
    private const string Mean = "0.45,0.5,0.4", Std = "0.25,0.2,0.3";   // MEAN and STD of make_rgb_fixtures.py
    private static readonly string[] Pgd = ["--attack", "pgd", "--epsilon", "0.1", "--steps", "10", "--step-size", "0.02", "--random-start", "false"];
    private readonly string _dir = Paths.TempDirectory();

    public ImageFolderCliSpecs() => TorchRuntime.Configure();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement Result(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "result.json"))).RootElement;

    [Fact]
    public void The_decoded_folder_and_the_tools_normalisation_give_pytorchs_own_logits()
    {
        // rgb32_logits.npy: PyTorch 1.13's logits on the same PNGs decoded by PIL. PNG is lossless and both sides divide
        // the bytes by 255 in float32, so the inputs are bit-identical; only the order of floating-point operations in
        // the two libtorch builds differs (~1e-6 relative on logits of magnitude < 50), hence 1e-4.
        var data = ImageFolderReader.Load(Shapes, new ImageFolderOptions());
        using var model = ModelLoader.Load(Path.Combine(Fx, "rgb32.pt"), new Normalization([0.45f, 0.5f, 0.4f], [0.25f, 0.2f, 0.3f]));
        using var images = data.ImagesTensor();
        using var logits = model.Logits(images);
        var ours = logits.data<float>().ToArray();
        var theirs = ImageFiles.NpyFloats(Path.Combine(Fx, "rgb32_logits.npy"));

        ours.Should().HaveCount(12 * 3);
        for (int i = 0; i < ours.Length; i++)
            ours[i].Should().BeApproximately(theirs[i], 1e-4f, $"logit {i % 3} of image {i / 3}");
        theirs.Max(Math.Abs).Should().BeGreaterThan(0.5f, "the reference is not all zeros");

        // The classifier behind a normalisation is fingerprinted with it (result cache, snapshots), the bare file by its bytes.
        var fileSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Fx, "rgb32.pt"))));
        using var bare = ModelLoader.Load(Path.Combine(Fx, "rgb32.pt"));
        bare.Sha256.Should().Be(fileSha);
        model.Sha256.Should().NotBe(fileSha).And.Be(new Normalization([0.45f, 0.5f, 0.4f], [0.25f, 0.2f, 0.3f]).Fingerprint(fileSha));
    }

    [Fact]
    public void Evaluate_on_an_rgb_folder_with_per_channel_normalisation_equals_the_model_with_it_inside()
    {
        string a = Path.Combine(_dir, "outside"), b = Path.Combine(_dir, "inside");
        var (code, output, err) = CliRunner.Run("evaluate", "--model", Path.Combine(Fx, "rgb32.pt"), "--images", Shapes,
            "--mean", Mean, "--std", Std, Pgd[0], Pgd[1], Pgd[2], Pgd[3], Pgd[4], Pgd[5], Pgd[6], Pgd[7], Pgd[8], Pgd[9], "--out", a, "--quiet");
        code.Should().Be(0, err);
        output.Should().Contain("shapes, 12 images");
        CliRunner.Run("evaluate", "--model", Path.Combine(Fx, "rgb32_inside.pt"), "--images", Shapes, "--channels", "rgb",
            Pgd[0], Pgd[1], Pgd[2], Pgd[3], Pgd[4], Pgd[5], Pgd[6], Pgd[7], Pgd[8], Pgd[9], "--out", b, "--quiet").Code.Should().Be(0);

        JsonElement ra = Result(a), rb = Result(b);
        ra.GetProperty("cleanAccuracy").GetDouble().Should().Be(1.0, "PyTorch measured 12 of 12 (expected.json rgb32Accuracy)");
        ra.GetProperty("dataset").GetProperty("count").GetInt32().Should().Be(12);
        ra.GetProperty("dataset").GetProperty("sha256").GetString().Should().Be(ImageFolderReader.Load(Shapes, new ImageFolderOptions()).Sha256);
        ra.GetProperty("succeeded").GetInt32().Should().Be(rb.GetProperty("succeeded").GetInt32());
        // Same weights and the same (x - mean) / std, once in the tool's wrapper and once inside the TorchScript graph:
        // float32 rounding of the two orders of operations, amplified by the attack's sign steps on ties, stays far below 1e-3.
        double l2a = ra.GetProperty("distortion").GetProperty("l2").GetProperty("mean").GetDouble();
        l2a.Should().BeGreaterThan(0);
        l2a.Should().BeApproximately(rb.GetProperty("distortion").GetProperty("l2").GetProperty("mean").GetDouble(), 1e-3);
    }

    [Fact]
    public void Evaluate_a_224_model_on_jpegs_of_other_sizes_resized_and_cropped()
    {
        var large = Path.Combine(Fx, "large");
        var (code, _, err) = CliRunner.Run("evaluate", "--model", Path.Combine(Fx, "rgb224.pt"), "--images", large, "--image-size", "224",
            "--attack", "fgsm", "--epsilon", "0.3", "--out", _dir, "--quiet");
        code.Should().Be(0, err);
        var r = Result(_dir);
        r.GetProperty("dataset").GetProperty("count").GetInt32().Should().Be(4);
        r.GetProperty("cleanAccuracy").GetDouble().Should().Be(1.0, "the model tells warm from cool gradients by their mean colour, which resizing keeps (PyTorch: 4 of 4)");
        r.GetProperty("succeeded").GetInt32().Should().Be(4, "an L-inf step of 0.3 moves every gradient image across (measured 4 of 4)");
        r.GetProperty("distortion").GetProperty("l0").GetProperty("mean").GetDouble().Should().BeGreaterThan(224 * 224, "the perturbation spans 3 x 224 x 224 values");

        var (code2, _, err2) = CliRunner.Run("evaluate", "--model", Path.Combine(Fx, "rgb224.pt"), "--images", large, "--attack", "fgsm", "--out", _dir);
        code2.Should().Be(1, "without --image-size the JPEGs' sizes differ");
        err2.Should().Contain(Path.Combine(large, "cool", "01.jpg")).And.Contain("image size 256 x 320 differs from 300 x 240");
    }

    [Theory]
    [InlineData("--labels", "x.npy", "--labels is not used with the image folder")]
    [InlineData("--channels", "blue", "option --channels: expected one of auto, rgb, grey, found 'blue'")]
    public void Folder_flag_misuse_is_a_usage_error(string flag, string value, string message)
    {
        var (code, _, err) = CliRunner.Run("evaluate", "--images", Shapes, flag, value, "--attack", "fgsm", "--out", _dir);
        code.Should().Be(2);
        err.Should().Contain(message);
    }

    [Theory]
    [InlineData("--image-size", "32", "--image-size applies to image folders only")]
    [InlineData("--channels", "rgb", "--channels applies to image folders only")]
    public void Folder_flags_with_npy_files_are_usage_errors(string flag, string value, string message)
    {
        var fx = Paths.TorchScriptFixtures;
        foreach (var command in new[] { "evaluate", "study", "clever" })
        {
            var (code, _, err) = CliRunner.Run(command, "--images", Path.Combine(fx, "images.npy"), "--labels", Path.Combine(fx, "labels.npy"),
                flag, value, "--attack", "fgsm", "--out", _dir);
            code.Should().Be(2, command);
            err.Should().Contain(message, command);
        }
    }
}
