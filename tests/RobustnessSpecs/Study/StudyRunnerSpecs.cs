using FluentAssertions;
using RobustnessGate.Attacks.FgsmSweep;
using RobustnessGate.Attacks.IterativeFgsm;
using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Running;
using RobustnessGate.Study;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Study;

public sealed class StudyRunnerSpecs : IDisposable
{
    private readonly string _dir = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static AttackSettings ShortIfgsm => IfgsmAttack.Definition.Configure(AttackPreset.Strong, o => o with { Iterations = 5, Attempts = 3 });

    private static AttackSettings Sweep(double step) => FgsmSweepAttack.Definition.Configure(AttackPreset.Strong, o => o with { EpsilonStep = step });

    private static StudyPlan SmallPlan() => new(
        "spec", "spec",
        StudyModels.FromSpecs(["mlp-1", "lenet", Path.Combine(Paths.TorchScriptFixtures, "cnn.pt") + ":PyTorchCNN"]),
        [Sweep(0.05), ShortIfgsm],
        [TargetMode.Untargeted, TargetMode.Top2], 8, 1215, StudyBudgets.Transfer, ["lenet"], "fgsm-sweep", 2);

    private StudyProgress Run(StudyPlan plan)
    {
        StudyProgress last = default;
        StudyRunner.Run(plan, BuiltInData.Load(BuiltInData.TestName), _dir, new SynchronousProgress<StudyProgress>(p => last = p));
        return last;
    }

    [Fact]
    public void A_study_writes_every_cell_and_a_rerun_reuses_them_with_identical_results()
    {
        var plan = SmallPlan();
        var first = Run(plan);
        first.Done.Should().Be(plan.CellCount).And.Be(3 * 2 * 2 + 3);
        // 12 attack cells and 3 FGSM eps 0.3 transfer-source cells, each with its examples (stem.json + stem.npy).
        first.Reused.Should().Be(0);
        var study = File.ReadAllBytes(Path.Combine(_dir, "study.json"));
        Directory.GetFiles(Path.Combine(_dir, "cells"), "*.json", SearchOption.AllDirectories)
            .Count(f => !f.EndsWith(".gallery.json", StringComparison.Ordinal) && !f.EndsWith(".examples.json", StringComparison.Ordinal)).Should().Be(15);
        Directory.GetFiles(Path.Combine(_dir, "cells"), "*.examples.npy", SearchOption.AllDirectories).Should().HaveCount(15);

        // An interrupted run leaves some cells missing: the rerun computes exactly those and ends with the same bytes.
        File.Delete(Path.Combine(_dir, "cells", "lenet", "ifgsm-top2.json"));
        File.Delete(Path.Combine(_dir, "cells", "mlp-1", "fgsm-untargeted.examples.json"));
        var second = Run(plan);
        second.Reused.Should().Be(plan.CellCount - 2);
        File.ReadAllBytes(Path.Combine(_dir, "study.json")).Should().Equal(study);
        Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void A_cell_from_other_attack_settings_is_recomputed_not_reused()
    {
        Run(SmallPlan());
        var changed = SmallPlan() with { Attacks = [Sweep(0.1), ShortIfgsm] };
        var rerun = Run(changed);
        rerun.Reused.Should().Be(changed.CellCount - 3 * 2, "the three models' fgsm-sweep cells (two targets each) changed their grid; the gallery cell is among them");
    }

    [Fact]
    public void The_study_has_a_cell_per_model_attack_and_target_and_a_transfer_cell_per_ordered_pair()
    {
        Run(SmallPlan());
        var study = StudyJson.Read(Path.Combine(_dir, "study.json"));
        study.Models.Select(m => m.Name).Should().Equal("mlp-1", "lenet", "cnn");
        study.Models.Single(m => m.Name == "cnn").Family.Should().Be("PyTorchCNN");
        study.Cells.Should().HaveCount(12);
        study.Transfer.Should().HaveCount((2 * 2 + 1) * 6, "five matrices (two attacks x two targets, and FGSM eps 0.3) of 3 x 2 ordered pairs");
        study.Gallery.Should().NotBeEmpty().And.OnlyContain(g => g.Model == "lenet" && g.Prediction != g.Label);
    }
}
