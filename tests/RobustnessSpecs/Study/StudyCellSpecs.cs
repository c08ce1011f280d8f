using FluentAssertions;
using RobustnessGate.Evaluation;
using RobustnessGate.Metrics;
using RobustnessGate.Runtime;
using RobustnessGate.Study;
using Xunit;

namespace RobustnessSpecs.Study;

public class StudyCellSpecs
{
    [Fact]
    public void A_cell_is_made_from_an_evaluation_result_with_its_counts_and_distortion_summaries()
    {
        var none = new Summary(null, null, null);
        var result = new EvaluationResult
        {
            Engine = new EngineInfo("RobustnessGate", "0.1.0", "0.107.0", 2),
            Model = new ModelInfo("lenet.bin", new string('a', 64)),
            Dataset = new DatasetInfo("mnist-test", 10, new string('b', 64)),
            Attack = new AttackInfo("ifgsm", "strong", new Dictionary<string, object>()),
            Target = "untargeted",
            Seed = 1215,
            CleanAccuracy = 0.9,
            Attacked = 9,
            Succeeded = 6,
            SuccessRate = 6 / 9.0,
            RobustAccuracy = 0.3,
            Distortion = new DistortionStatistics(new Summary(40, 5, 39), none, new Summary(1.5, 0.2, 1.4), new Summary(0.1, 0.01, 0.09)),
            Seconds = 1,
            Examples = [],
        };

        var cell = StudyCell.From(result, model: "lenet");

        cell.Should().Be(new StudyCell("lenet", "ifgsm", "untargeted", 9, 6, new DistortionStatistics(
            new Summary(40, 5, 39), Summary.None, new Summary(1.5, 0.2, 1.4), new Summary(0.1, 0.01, 0.09))));
        cell.SuccessRate.Should().Be(6 / 9.0);
    }

    [Fact]
    public void Without_an_override_the_result_model_name_is_used()
    {
        var none = new Summary(null, null, null);
        var result = new EvaluationResult
        {
            Engine = new EngineInfo("RobustnessGate", "0.1.0", "0.107.0", 2),
            Model = new ModelInfo("lenet", new string('a', 64)),
            Dataset = new DatasetInfo("mnist-test", 10, new string('b', 64)),
            Attack = new AttackInfo("cw", "strong", new Dictionary<string, object>()),
            Target = "random",
            Seed = 1,
            CleanAccuracy = 0,
            Attacked = 0,
            Succeeded = 0,
            SuccessRate = null,
            RobustAccuracy = 0,
            Distortion = new DistortionStatistics(none, none, none, none),
            Seconds = 0,
            Examples = [],
        };

        var cell = StudyCell.From(result);

        cell.Model.Should().Be("lenet");
        cell.SuccessRate.Should().BeNull();
        cell.Distortion.Should().Be(DistortionStatistics.None);
    }
}
