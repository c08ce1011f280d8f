using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Attacks.Fgsm;
using RobustnessGate.Attacks.Pgd;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Evaluation;

public sealed class EvaluatorTests : IDisposable
{
    private readonly IClassifier _lenet;

    public EvaluatorTests()
    {
        TorchRuntime.Configure();
        _lenet = ModelLoader.Load("lenet");
    }

    public void Dispose() => _lenet.Dispose();

    private EvaluationResult Run(IAttack attack, TargetMode target = TargetMode.Untargeted, int count = 100) =>
        Evaluator.Run(_lenet, TestModels.MnistTest, attack, new EvaluationOptions(target, count));

    [Fact]
    public void Only_correctly_classified_images_are_attacked_and_the_counts_add_up()
    {
        var r = Run(new FgsmAttack(new FgsmOptions(0.15)));
        var correct = r.Examples.Count(e => e.CleanPrediction == e.Label);
        r.Attacked.Should().Be(correct);
        r.Examples.Where(e => e.CleanPrediction != e.Label).Should().OnlyContain(e => !e.Attacked && !e.Success && e.L2 == null && e.AdversarialPrediction == null);
        r.Succeeded.Should().Be(r.Examples.Count(e => e.Success));
        r.SuccessRate.Should().Be((double)r.Succeeded / r.Attacked);
        r.CleanAccuracy.Should().Be(correct / 100.0);
        r.RobustAccuracy.Should().Be((correct - r.Succeeded) / 100.0);
        r.Examples.Where(e => e.Success).Should().OnlyContain(e => e.AdversarialPrediction != e.Label);
        r.Examples.Where(e => e.Attacked && !e.Success).Should().OnlyContain(e => e.AdversarialPrediction == e.Label && e.L2 == null);
    }

    [Fact]
    public void Distortion_statistics_come_from_successful_examples_only()
    {
        var r = Run(new FgsmAttack(new FgsmOptions(0.15)));
        var l2 = r.Examples.Where(e => e.Success).Select(e => e.L2!.Value).ToList();
        l2.Should().HaveCount(r.Succeeded).And.NotBeEmpty();
        r.Distortion.L2.Mean.Should().BeApproximately(l2.Average(), 1e-12);
        r.Distortion.Linf.Mean.Should().BeApproximately(0.15, 1e-6, "every successful FGSM example moves some pixel by the full epsilon");
    }

    [Theory]
    [InlineData(TargetMode.Random)]
    [InlineData(TargetMode.LeastLikely)]
    [InlineData(TargetMode.Top2)]
    public void A_targeted_success_means_the_adversarial_prediction_is_the_target(TargetMode mode)
    {
        var r = Run(new PgdAttack(new PgdOptions(0.2, 20, 0.02)), mode, 60);
        r.Examples.Should().OnlyContain(e => e.Target != null && e.Target != e.Label || e.CleanPrediction != e.Label);
        r.Examples.Where(e => e.Success).Should().OnlyContain(e => e.AdversarialPrediction == e.Target);
        r.Examples.Where(e => e.Attacked && !e.Success).Should().OnlyContain(e => e.AdversarialPrediction != e.Target);
        r.Succeeded.Should().BeGreaterThan(0, "eps 0.2 PGD reaches some targets on an undefended CNN");
    }

    [Fact]
    public void Random_targets_are_fixed_per_image_and_never_the_label()
    {
        for (int i = 0; i < 500; i++)
        {
            long label = i % 10;
            var t = TargetSelector.RandomTarget(1215, i, label, 10);
            t.Should().NotBe(label).And.BeInRange(0, 9);
            TargetSelector.RandomTarget(1215, i, label, 10).Should().Be(t);
        }
        Enumerable.Range(0, 500).Select(i => TargetSelector.RandomTarget(1215, i, 0, 10)).Distinct().Should().HaveCount(9, "all nine other classes are drawn");
    }

    [Fact]
    public void Probability_outputs_are_refused_unless_allowed()
    {
        var set = ImageSetLoader.Load(Path.Combine(Paths.TorchScriptFixtures, "images.npy"), Path.Combine(Paths.TorchScriptFixtures, "labels.npy"));
        using var softmax = ModelLoader.Load(Path.Combine(Paths.TorchScriptFixtures, "softmax_cnn.pt"));
        var act = () => Evaluator.Run(softmax, set, new FgsmAttack(new FgsmOptions(0.1)), new EvaluationOptions(Count: 20));
        act.Should().Throw<ModelContractException>().WithMessage("*softmax_cnn.pt*probabilities*logits*AllowProbabilities*");
        var allowed = Evaluator.Run(softmax, set, new FgsmAttack(new FgsmOptions(0.1)), new EvaluationOptions(Count: 20, AllowProbabilities: true));
        allowed.Attacked.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Images_of_the_wrong_shape_are_refused_before_any_native_call()
    {
        var rgb = new ImageSet("rgb", new float[2 * 3 * 28 * 28], [1, 2], 3, 28, 28);
        var act = () => Evaluator.Run(_lenet, rgb, new FgsmAttack(new FgsmOptions()), new EvaluationOptions());
        act.Should().Throw<ModelContractException>().WithMessage("*lenet*1 x 28 x 28*rgb*3 x 28 x 28*");
    }

    [Fact]
    public void Labels_beyond_the_model_classes_are_refused()
    {
        var set = new ImageSet("bad-labels", new float[2 * 784], [1, 12], 1, 28, 28);
        var act = () => Evaluator.Run(_lenet, set, new FgsmAttack(new FgsmOptions()), new EvaluationOptions());
        act.Should().Throw<ModelContractException>().WithMessage("*label 12*image 1*bad-labels*10 outputs*");
    }

    [Fact]
    public void The_same_run_twice_gives_identical_results()
    {
        var a = Run(new PgdAttack(new PgdOptions(0.1, 10, 0.02, RandomStart: true)), count: 50);
        var b = Run(new PgdAttack(new PgdOptions(0.1, 10, 0.02, RandomStart: true)), count: 50);
        b.Examples.Should().BeEquivalentTo(a.Examples, o => o.WithStrictOrdering());
    }
}
