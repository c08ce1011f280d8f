using System.Text.RegularExpressions;
using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Evaluation;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Running;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Runtime;

/// <summary>
/// On one machine with the thread count pinned (ROBUSTNESSGATE_THREADS, see <see cref="ThreadPinSpecs"/>), evaluating the
/// same attack twice gives the same result.json text, apart from the wall time: no hidden state (random generators, caches,
/// warm-up) survives between runs and changes a number.
/// </summary>
public sealed partial class RerunSpecs
{
    [Fact]
    public void Two_evaluations_of_the_same_attack_write_the_same_result_json_apart_from_the_seconds()
    {
        TorchRuntime.Configure();
        var ifgsm = StudyBudgets.Attacks(StudyBudget.Quick).Single(a => a.Name == "ifgsm");

        var first = Evaluate(ifgsm);
        var second = Evaluate(ifgsm);

        first.Should().Contain("\"seconds\"", "the field removed below is there to remove");
        WithoutSeconds(second).Should().Be(WithoutSeconds(first));
    }

    /// <summary>One Evaluator run on its own freshly loaded LeNet: I-FGSM with the quick study's settings on 20 test digits.</summary>
    private static string Evaluate(AttackSettings settings)
    {
        using var lenet = ModelLoader.Load("lenet");
        var result = Evaluator.Run(lenet, TestModels.MnistTest, settings.Create(), new EvaluationOptions(TargetMode.Untargeted, 20));
        result.Examples.Should().Contain(e => e.Success, "a run that attacks nothing would compare nothing");
        return ResultJson.Serialize(result);
    }

    private static string WithoutSeconds(string json) => Seconds().Replace(json, "");

    [GeneratedRegex("\"seconds\": *[-0-9.eE+]+,?\\s*")]
    private static partial Regex Seconds();
}
