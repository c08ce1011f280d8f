using System.Text.Json;
using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Attacks.Fgsm;
using RobustnessGate.Data;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using RobustnessSpecs.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace RobustnessSpecs.Models;

/// <summary>
/// A CNN trained and exported by PyTorch 1.13 (tools/fixtures/make_torchscript_fixture.py), with PyTorch's own FGSM results.
/// Our loader and FGSM must reproduce them.
/// </summary>
public sealed class TorchScriptTests : IDisposable
{
    private readonly IClassifier _model;
    private readonly ImageSet _data;
    private readonly JsonElement _expected;

    public TorchScriptTests()
    {
        TorchRuntime.Configure();
        var dir = Paths.TorchScriptFixtures;
        _model = ModelLoader.Load(Path.Combine(dir, "cnn.pt"));
        _data = ImageSetLoader.Load(Path.Combine(dir, "images.npy"), Path.Combine(dir, "labels.npy"));
        _expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expected.json"))).RootElement;
    }

    public void Dispose() => _model.Dispose();

    private static long[] Longs(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt64()).ToArray();

    [Fact]
    public void Logits_match_pytorch()
    {
        // PyTorch's own logits differ by up to 3.8e-6 between batch sizes (fixture README); 1e-4 leaves room for
        // TorchSharp's libtorch 2.10 kernels versus PyTorch 1.13 while catching any real difference (logits are O(10)).
        var expected = NpyReader.ReadFloats(Path.Combine(Paths.TorchScriptFixtures, "clean_logits.npy")).Values;
        using var x = _data.ImagesTensor();
        using var noGrad = no_grad();
        using var logits = _model.Logits(x);
        var actual = logits.data<float>().ToArray();
        actual.Should().HaveCount(expected.Length);
        actual.Zip(expected).Max(p => Math.Abs(p.First - p.Second)).Should().BeLessThan(1e-4f);
    }

    [Fact]
    public void The_fingerprint_is_the_file_sha256()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Paths.TorchScriptFixtures, "cnn.pt"));
        _model.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    [Fact]
    public void Fgsm_predictions_match_pytorch_for_every_setting()
    {
        var ll = Longs(_expected.GetProperty("least_likely_targets"));
        foreach (var setting in _expected.GetProperty("fgsm").EnumerateArray())
        {
            double eps = setting.GetProperty("eps").GetDouble();
            bool targeted = setting.GetProperty("target_mode").GetString() == "least-likely";
            var adv = Attack(eps, targeted ? ll : null);
            using var noGrad = no_grad();
            using var logits = _model.Logits(adv);
            var predicted = logits.argmax(1).data<long>().ToArray();
            predicted.Should().Equal(Longs(setting.GetProperty("adversarial_predictions")), $"FGSM eps {eps} {(targeted ? "least-likely" : "untargeted")}");
            adv.Dispose();
        }
    }

    [Fact]
    public void Least_likely_targets_match_pytorch()
    {
        using var x = _data.ImagesTensor();
        using var noGrad = no_grad();
        using var logits = _model.Logits(x);
        var targets = TargetSelector.Select(TargetMode.LeastLikely, logits, _data.Labels, Enumerable.Range(0, 100).ToArray(), 0);
        targets.Should().Equal(Longs(_expected.GetProperty("least_likely_targets")));
    }

    [Fact]
    public void Fgsm_images_match_pytorch_except_where_float32_cannot_decide_the_gradient_sign()
    {
        // The cross-entropy gradient is J^T (p - e_y). In float32, p_y carries a rounding error of u = 2^-24 = 6e-8, so
        // p - e_y (and the whole gradient, linearly) has a relative error of about u / (1 - p_y): on a confident image
        // (1 - p_y = 4e-7) the gradient is mostly rounding noise and PyTorch 1.13 and libtorch 2.10 legitimately take
        // different signs. A pixel may therefore differ only where its gradient is below 10 u / (1 - p_y) of the image's
        // largest component (10: headroom for the rounding of the backward pass); every other pixel must match exactly.
        const double U = 5.96e-8;
        var expected = NpyReader.ReadImages(Path.Combine(Paths.TorchScriptFixtures, "fgsm_eps0.1_adv.npy")).Pixels;
        using var adv = Attack(0.1, null);
        var actual = adv.data<float>().ToArray();
        using var x = _data.ImagesTensor();
        using var y = _data.LabelsTensor();
        var (g, logits) = Gradients.Of(_model, x, z => Losses.Objective(AttackLoss.CrossEntropy, z, y, false));
        var grad = g.data<float>().ToArray();
        using var probabilities = TorchSharp.torch.nn.functional.softmax(logits.to(ScalarType.Float64), 1);
        var p = probabilities.data<double>().ToArray();
        int differing = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            if (actual[i] == expected[i])
                continue;
            differing++;
            int image = i / 784;
            double largest = Enumerable.Range(image * 784, 784).Max(k => Math.Abs(grad[k]));
            double noise = 10 * U / (1 - p[image * 10 + _data.Labels[image]]);
            (Math.Abs(grad[i]) / largest).Should().BeLessThan(noise, $"image {image}, pixel {i % 784} differs from PyTorch although its gradient sign is well above float32 noise");
        }
        differing.Should().BeLessThan(actual.Length / 100, "only a few confident images have undecidable gradient signs");
        g.Dispose();
        logits.Dispose();
    }

    private Tensor Attack(double eps, long[]? targets)
    {
        using var x = _data.ImagesTensor();
        using var y = _data.LabelsTensor();
        using var t = targets is null ? null : tensor(targets);
        using var output = new FgsmAttack(new FgsmOptions(eps)).Run(new AttackBatch(_model, x, y, t, 0));
        return output.Adversarial.detach().clone();
    }
}
