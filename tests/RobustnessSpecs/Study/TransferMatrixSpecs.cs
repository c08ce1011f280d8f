using System.Globalization;
using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;
using RobustnessGate.Study.Transferability;
using RobustnessSpecs.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace RobustnessSpecs.Study;

/// <summary>
/// The transferability engine (Su et al. section 7) on built-in mlp-1 and lenet and the TorchScript fixture CNN, with
/// the fixture's 100 digits: every count is checked by hand through <see cref="Predictions"/> and a separate evaluation.
/// </summary>
public sealed class TransferMatrixSpecs : IDisposable
{
    private const string Epsilon = "0.1";
    private readonly ITestOutputHelper _output;
    private readonly string _dir = Paths.TempDirectory();
    private readonly ImageSet _data;
    private readonly List<IClassifier> _models;

    public TransferMatrixSpecs(ITestOutputHelper output)
    {
        _output = output;
        var fx = Paths.TorchScriptFixtures;
        _data = ImageSetLoader.Load(Path.Combine(fx, "images.npy"), Path.Combine(fx, "labels.npy"));
        _models = [ModelLoader.Load("mlp-1"), ModelLoader.Load("lenet"), ModelLoader.Load(Path.Combine(fx, "cnn.pt"))];
    }

    public void Dispose()
    {
        foreach (var m in _models)
            m.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static AttackSettings Fgsm(string epsilon = Epsilon) =>
        KnownAttacks.Get("fgsm").Configure(AttackPreset.Strong, new Dictionary<string, string> { ["epsilon"] = epsilon });

    private void Print(TransferMatrix matrix)
    {
        foreach (var c in matrix.Cells)
        {
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Source} -> {c.Target} {c.TargetMode}: counted {c.Counted}, succeeded {c.Succeeded}, rate {c.SuccessRate:F4}, top-5 {c.Top5Succeeded} rate {c.Top5Rate:F4}"));
        }
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{matrix.Seconds:F2} s"));
    }

    [Fact]
    public void Three_models_give_one_cell_per_ordered_pair_and_never_a_model_onto_itself()
    {
        var matrix = TransferEngine.Run(_models, _data, Fgsm(), new TransferOptions());
        Print(matrix);
        matrix.Cells.Should().HaveCount(6);
        matrix.Cells.Should().OnlyContain(c => c.Source != c.Target);
        matrix.Cells.Select(c => (c.Source, c.Target)).Should().OnlyHaveUniqueItems();
        matrix.Cells.Should().OnlyContain(c => c.Attack == "fgsm" && c.TargetMode == "untargeted" && c.Top5Succeeded == null && c.Top5Rate == null);
        matrix.Models.Select(m => m.Name).Should().Equal(_models.Select(m => m.Name));
        matrix.Dataset.Count.Should().Be(100);
        matrix.Attack.Parameters["epsilon"].Should().Be(0.1);
    }

    [Fact]
    public void Counted_and_succeeded_are_the_sources_successes_that_the_target_gets_right_clean_checked_by_hand()
    {
        var matrix = TransferEngine.Run(_models, _data, Fgsm(), new TransferOptions());
        using var images = _data.ImagesTensor();
        var clean = _models.ToDictionary(m => m.Name, m => Predictions.TopOne(m.Logits, images));
        int excludedSomewhere = 0;
        foreach (var source in _models)
        {
            var adversarial = new Dictionary<int, float[]>();
            var result = Evaluator.Run(source, _data, Fgsm().Create(), new EvaluationOptions(), onAdversarial: (idx, adv) =>
            {
                var all = adv.contiguous().data<float>().ToArray();
                for (int k = 0; k < idx.Count; k++)
                    adversarial[idx[k]] = all.AsSpan(k * _data.ElementsPerImage, _data.ElementsPerImage).ToArray();
            });
            var successes = result.Examples.Where(e => e.Success).Select(e => e.Index).ToList();
            foreach (var target in _models.Where(m => m != source))
            {
                var counted = successes.Where(i => clean[target.Name][i] == _data.Labels[i]).ToList();
                var fooled = counted.Count(i =>
                {
                    using var x = TorchSharp.torch.tensor(adversarial[i], new long[] { 1, _data.Channels, _data.Height, _data.Width });
                    return Predictions.TopOne(target.Logits, x)[0] != _data.Labels[i];
                });
                var cell = matrix.Cell(source.Name, target.Name);
                cell.Counted.Should().Be(counted.Count, $"{source.Name} -> {target.Name}");
                cell.Succeeded.Should().Be(fooled, $"{source.Name} -> {target.Name}");
                cell.SuccessRate.Should().Be(counted.Count == 0 ? null : (double)fooled / counted.Count);
                excludedSomewhere += successes.Count - counted.Count;
            }
        }
        excludedSomewhere.Should().BeGreaterThan(0, "some example fools its source while another model misclassifies its clean image");
    }

    [Fact]
    public void An_example_fooling_the_source_whose_clean_image_the_target_misclassifies_is_not_counted()
    {
        using var images = _data.ImagesTensor();
        var lenet = _models[1];
        var mlp = _models[0];
        var mlpClean = Predictions.TopOne(mlp.Logits, images);
        var result = Evaluator.Run(lenet, _data, Fgsm().Create(), new EvaluationOptions());
        var successes = result.Examples.Where(e => e.Success).Select(e => e.Index).ToList();
        var wrongOnTarget = successes.Where(i => mlpClean[i] != _data.Labels[i]).ToList();
        _output.WriteLine($"lenet successes {successes.Count}, of which mlp-1 misclassifies clean: {string.Join(", ", wrongOnTarget)}");
        wrongOnTarget.Should().NotBeEmpty("the fixture digits hold such an example for lenet -> mlp-1");

        var cell = TransferEngine.Run([lenet, mlp], _data, Fgsm(), new TransferOptions()).Cell("lenet", "mlp-1");
        cell.Counted.Should().Be(successes.Count - wrongOnTarget.Count);
    }

    [Fact]
    public void A_model_transferred_onto_an_identical_copy_of_itself_succeeds_every_time()
    {
        var copy = Path.Combine(_dir, "cnn-copy.pt");
        File.Copy(Path.Combine(Paths.TorchScriptFixtures, "cnn.pt"), copy);
        using var twin = ModelLoader.Load(copy);
        var cnn = _models[2];
        twin.Sha256.Should().Be(cnn.Sha256);
        var matrix = TransferEngine.Run([cnn, twin], _data, Fgsm(), new TransferOptions());
        Print(matrix);
        var successes = Evaluator.Run(cnn, _data, Fgsm().Create(), new EvaluationOptions()).Succeeded;
        matrix.Cells.Should().HaveCount(2);
        matrix.Cells.Should().OnlyContain(c => c.Counted == successes && c.Succeeded == successes && c.SuccessRate == 1.0);
    }

    [Fact]
    public void Targeted_fgsm_least_likely_reports_a_top5_rate_at_least_the_top1_rate()
    {
        var matrix = TransferEngine.Run(_models, _data, Fgsm("0.3"), new TransferOptions(TargetMode.LeastLikely));
        Print(matrix);
        matrix.TargetMode.Should().Be("least-likely");
        matrix.Cells.Should().HaveCount(6);
        foreach (var c in matrix.Cells)
        {
            c.Counted.Should().BeGreaterThan(0, $"{c.Source} -> {c.Target} has counted examples");
            c.Top5Succeeded.Should().NotBeNull().And.BeGreaterThanOrEqualTo(c.Succeeded);
            c.Top5Rate.Should().NotBeNull().And.BeGreaterThanOrEqualTo(c.SuccessRate!.Value);
        }
        matrix.Cells.Should().Contain(c => c.Top5Succeeded > 0, "least-likely examples reach the target's top-5 at least sometimes");
    }

    [Fact]
    public void A_cell_with_nothing_counted_has_no_rates()
    {
        var matrix = TransferEngine.Run(_models.Take(2).ToList(), _data, Fgsm("0"), new TransferOptions(TargetMode.Random));
        matrix.Cells.Should().OnlyContain(c => c.Counted == 0 && c.SuccessRate == null && c.Top5Succeeded == 0 && c.Top5Rate == null);
    }

    [Fact]
    public void Fewer_than_two_models_or_two_models_of_one_name_are_refused_naming_the_problem()
    {
        var one = () => TransferEngine.Run(_models.Take(1).ToList(), _data, Fgsm(), new TransferOptions());
        one.Should().Throw<ArgumentException>().WithMessage("*expected at least 2 models, found 1*");
        var same = () => TransferEngine.Run([_models[0], _models[0]], _data, Fgsm(), new TransferOptions());
        same.Should().Throw<ArgumentException>().WithMessage("*expected distinct model names, found 'mlp-1' 2 times*");
    }
}
