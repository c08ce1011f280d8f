using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Attacks.Fgsm;
using RobustnessGate.Runtime;
using RobustnessSpecs.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace RobustnessSpecs.Attacks;

/// <summary>FGSM on z = Wx + b, where the gradient, and so the answer, is known in closed form.</summary>
public sealed class FgsmLinearModelTests
{
    private const int Images = 20;
    private const double Epsilon = 0.1;

    public FgsmLinearModelTests() => TorchRuntime.Configure();

    private static (float[] X, long[] Y) Data()
    {
        var set = TestModels.MnistTest.Take(Images);
        var x = Enumerable.Range(0, Images).SelectMany(i => set.Pixels(i).ToArray()).ToArray();
        return (x, set.Labels.ToArray());
    }

    private static float[] Run(FgsmOptions options, float[] x, long[] classes, bool targeted)
    {
        using var model = TestModels.Linear();
        using var xt = tensor(x, new long[] { Images, 1, 28, 28 });
        using var ct = tensor(classes);
        var batch = new AttackBatch(model, xt, ct, targeted ? ct : null, 0);
        using var output = new FgsmAttack(options).Run(batch);
        return output.Adversarial.data<float>().ToArray();
    }

    [Fact]
    public void Logit_loss_untargeted_moves_every_pixel_against_the_sign_of_the_true_class_weights()
    {
        // Objective -z_y has gradient -W_y exactly, so x' = clip(x - eps * sign(W_y), 0, 1), with sign(0) = 0 leaving a pixel alone.
        var (w, _) = TestModels.LinearWeights();
        var (x, y) = Data();
        var adv = Run(new FgsmOptions(Epsilon, Norm.Linf, AttackLoss.Logit), x, y, targeted: false);
        for (int i = 0; i < Images; i++)
        {
            for (int j = 0; j < 784; j++)
            {
                float expected = Math.Clamp(x[i * 784 + j] - (float)Epsilon * Math.Sign(w[y[i], j]), 0f, 1f);
                adv[i * 784 + j].Should().Be(expected, $"image {i}, pixel {j}: the step is exact in float32");
            }
        }
    }

    [Fact]
    public void Logit_loss_targeted_moves_towards_the_sign_of_the_target_weights()
    {
        var (w, _) = TestModels.LinearWeights();
        var (x, y) = Data();
        var targets = y.Select(l => (l + 3) % 10).ToArray();
        var adv = Run(new FgsmOptions(Epsilon, Norm.Linf, AttackLoss.Logit), x, targets, targeted: true);
        for (int i = 0; i < Images; i++)
        {
            for (int j = 0; j < 784; j++)
                adv[i * 784 + j].Should().Be(Math.Clamp(x[i * 784 + j] + (float)Epsilon * Math.Sign(w[targets[i], j]), 0f, 1f));
        }
    }

    [Fact]
    public void Cross_entropy_gradient_sign_matches_the_closed_form_away_from_zero()
    {
        // d CE / dx = W^T (softmax(z) - e_y), computed here in double from the float32 weights. In float32, p - e_y has a
        // relative error of about u / (1 - p_y) (u = 2^-24, see TorchScriptTests), so components below
        // max(1e-4, 10 u / (1 - p_y)) of the largest can legitimately flip sign and are exempt; every other pixel must match.
        var (w, b) = TestModels.LinearWeights();
        var (x, y) = Data();
        var adv = Run(new FgsmOptions(Epsilon), x, y, targeted: false);
        int compared = 0;
        for (int i = 0; i < Images; i++)
        {
            var z = new double[10];
            for (int k = 0; k < 10; k++)
            {
                z[k] = b[k];
                for (int j = 0; j < 784; j++)
                    z[k] += w[k, j] * (double)x[i * 784 + j];
            }
            double max = z.Max();
            var p = z.Select(v => Math.Exp(v - max)).ToArray();
            double sum = p.Sum();
            var g = new double[784];
            for (int j = 0; j < 784; j++)
            {
                for (int k = 0; k < 10; k++)
                    g[j] += w[k, j] * (p[k] / sum - (k == y[i] ? 1 : 0));
            }
            double scale = g.Max(Math.Abs);
            double exempt = Math.Max(1e-4, 10 * 5.96e-8 / (1 - p[y[i]] / sum));
            for (int j = 0; j < 784; j++)
            {
                if (Math.Abs(g[j]) < exempt * scale)
                    continue;
                compared++;
                adv[i * 784 + j].Should().Be(Math.Clamp(x[i * 784 + j] + (float)Epsilon * Math.Sign(g[j]), 0f, 1f), $"image {i}, pixel {j}");
            }
        }
        // Pixels never inked in the 2,000 template images have all-zero weights and a zero gradient; more than half remain.
        compared.Should().BeGreaterThan(Images * 392, "more than half of the pixels have a clear gradient sign");
    }

    [Fact]
    public void The_L2_variant_steps_epsilon_along_the_normalised_gradient()
    {
        // Logit loss: gradient -W_y, so x' = clip(x - eps * W_y / ||W_y||_2). Tolerance 1e-6: float32 rounding of the division.
        var (w, _) = TestModels.LinearWeights();
        var (x, y) = Data();
        var adv = Run(new FgsmOptions(1.0, Norm.L2, AttackLoss.Logit), x, y, targeted: false);
        for (int i = 0; i < Images; i++)
        {
            double norm = Math.Sqrt(Enumerable.Range(0, 784).Sum(j => (double)w[y[i], j] * w[y[i], j]));
            for (int j = 0; j < 784; j++)
            {
                double expected = Math.Clamp(x[i * 784 + j] - w[y[i], j] / norm, 0, 1);
                ((double)adv[i * 784 + j]).Should().BeApproximately(expected, 1e-6);
            }
        }
    }

    [Fact]
    public void Epsilon_zero_changes_nothing()
    {
        var (x, y) = Data();
        Run(new FgsmOptions(0), x, y, targeted: false).Should().Equal(x);
    }
}
