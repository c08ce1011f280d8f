using System.Text.Json;
using FluentAssertions;
using RobustnessGate.Data;
using RobustnessGate.Models;
using RobustnessGate.Reporting;
using RobustnessGate.Runtime;
using RobustnessGate.Study;
using RobustnessGate.Study.Analysis;
using RobustnessGate.Study.Running;
using RobustnessSpecs.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace RobustnessSpecs.Study;

/// <summary>
/// The study's transferability matrices and CLEVER cells on a small study: mlp-1, mlp-2 (one family, so there are
/// within-family pairs) and LeNet; a short I-FGSM and a short C&amp;W, untargeted and top-2; 6 images; CLEVER L2 and L-inf
/// with N_s 8, N_b 4 on 3 images. The study runs once for the class.
/// </summary>
public sealed class StudyTransferCleverSpecs : IClassFixture<StudyTransferCleverSpecs.SmallStudy>
{
    private readonly SmallStudy _s;

    public StudyTransferCleverSpecs(SmallStudy study) => _s = study;

    public sealed class SmallStudy : IDisposable
    {
        public string Directory { get; } = Paths.TempDirectory();

        public StudyPlan Plan { get; } = SmallStudyPlans.TransferAndClever("spec", [], 0);

        public ImageSet Data { get; } = BuiltInData.Load(BuiltInData.TestName);

        public StudyProgress First { get; }

        public StudyResults Study { get; }

        public SmallStudy()
        {
            First = Run();
            Study = StudyJson.Read(Path.Combine(Directory, "study.json"));
        }

        public StudyProgress Run()
        {
            StudyProgress last = default;
            StudyRunner.Run(Plan, Data, Directory, new SynchronousProgress<StudyProgress>(p => last = p));
            return last;
        }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }

    [Fact]
    public void Every_matrix_cell_matches_an_independent_recount_of_the_stored_examples()
    {
        // 2 attacks x 2 targets + FGSM eps 0.3 untargeted = 5 matrices of 3 x 2 ordered pairs.
        _s.Study.Transfer.Should().HaveCount(5 * 6);
        var data = _s.Data.Take(_s.Plan.Count);
        var models = _s.Plan.Models.ToDictionary(m => m.Name, m => ModelLoader.Load(m.Spec));
        try
        {
            using var images = data.ImagesTensor();
            var clean = models.ToDictionary(m => m.Key, m => m.Value.Logits(images).argmax(1).data<long>().ToArray());
            foreach (var cell in _s.Study.Transfer!)
            {
                var stem = Path.Combine(_s.Directory, "cells", cell.Source, $"{cell.Attack}-{cell.TargetMode}.examples");
                using var index = JsonDocument.Parse(File.ReadAllText(stem + ".json"));
                var indices = index.RootElement.GetProperty("indices").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                var targets = index.RootElement.GetProperty("targets").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? (long?)null : e.GetInt64()).ToArray();
                var pixels = NpyReader.ReadFloats(stem + ".npy").Values;
                int counted = 0, succeeded = 0, top5 = 0;
                for (int k = 0; k < indices.Length; k++)
                {
                    int i = indices[k];
                    if (clean[cell.Target][i] != data.Labels[i])
                        continue;
                    counted++;
                    using var x = tensor(pixels.AsSpan(k * 784, 784).ToArray(), new long[] { 1, 1, 28, 28 });
                    using var logits = models[cell.Target].Logits(x);
                    var ranked = logits.topk(5).indexes.data<long>().ToArray();
                    if (cell.TargetMode == "untargeted")
                    {
                        succeeded += ranked[0] != data.Labels[i] ? 1 : 0;
                        continue;
                    }
                    succeeded += ranked[0] == targets[k] ? 1 : 0;
                    top5 += ranked.Contains(targets[k]!.Value) ? 1 : 0;
                }
                var why = $"{cell.Attack} {cell.TargetMode} {cell.Source} -> {cell.Target}";
                cell.Counted.Should().Be(counted, why);
                cell.Succeeded.Should().Be(succeeded, why);
                cell.Top5Succeeded.Should().Be(cell.TargetMode == "untargeted" ? null : top5, why);
            }
            _s.Study.Transfer!.Sum(c => c.Counted).Should().BeGreaterThan(0, "a recount of nothing proves nothing");
        }
        finally
        {
            foreach (var m in models.Values)
                m.Dispose();
        }
    }

    [Fact]
    public void A_rerun_reuses_every_cell_examples_and_clever_score_and_only_a_deleted_one_is_made_again()
    {
        _s.First.Done.Should().Be(_s.Plan.CellCount).And.Be(3 * (2 * 2 + 1 + 2));
        var examples = System.IO.Directory.GetFiles(Path.Combine(_s.Directory, "cells"), "*.examples.npy", SearchOption.AllDirectories);
        examples.Should().HaveCount(3 * 5);
        var written = examples.ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var before = File.ReadAllBytes(Path.Combine(_s.Directory, "study.json"));

        var again = _s.Run();
        again.Reused.Should().Be(_s.Plan.CellCount, "no attack or CLEVER cell runs again");
        examples.Should().OnlyContain(f => File.GetLastWriteTimeUtc(f) == written[f], "the examples are reused, not rewritten");
        File.ReadAllBytes(Path.Combine(_s.Directory, "study.json")).Should().Equal(before);

        File.Delete(Path.Combine(_s.Directory, "cells", "lenet", "cw-top2.examples.npy"));
        File.Delete(Path.Combine(_s.Directory, "cells", "mlp-2", "clever-linf-untargeted.json"));
        var third = _s.Run();
        third.Reused.Should().Be(_s.Plan.CellCount - 2);
        File.ReadAllBytes(Path.Combine(_s.Directory, "study.json")).Should().Equal(before, "seeded attacks and CLEVER samples repeat exactly");
    }

    [Fact]
    public void Clever_cells_sit_beside_the_distortion_of_the_same_image_and_feed_the_scaling_law_and_frontier()
    {
        _s.Study.Clever.Select(c => (c.Model, c.Norm)).Should().BeEquivalentTo(new[]
        {
            ("mlp-1", "l2"), ("mlp-1", "linf"), ("mlp-2", "l2"), ("mlp-2", "linf"), ("lenet", "l2"), ("lenet", "linf"),
        });
        foreach (var c in _s.Study.Clever)
        {
            c.ComparedAttack.Should().Be(c.Norm == "l2" ? "cw" : "ifgsm");
            var result = RobustnessGate.Evaluation.ResultJson.Read(Path.Combine(_s.Directory, "cells", c.Model, $"{c.ComparedAttack}-untargeted.json"));
            c.Images.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(3);
            foreach (var image in c.Images)
            {
                var e = result.Examples[image.Index];
                image.AttackDistortion.Should().Be(e.Success ? (c.Norm == "l2" ? e.L2 : e.Linf) : null);
                image.Score.Should().BeInRange(0, c.Radius);
            }
        }
        var analysis = StudyAnalysis.Of(_s.Study);
        analysis.Clever.Select(c => c.Attack).Should().Equal("clever-l2", "clever-linf");
        analysis.Clever.Should().OnlyContain(c => c.Scaling.Points.Count == 3 && c.Frontier.Members.Count >= 1);
        var l2 = analysis.CleverBounds.Single(b => b.Norm == "l2");
        var images = _s.Study.Clever.Where(c => c.Norm == "l2").SelectMany(c => c.Images).Where(i => i.AttackDistortion is not null).ToList();
        l2.Compared.Should().Be(images.Count).And.BeGreaterThan(0);
        l2.AtMost.Should().Be(images.Count(i => i.Score <= i.AttackDistortion));
    }

    [Fact]
    public void The_report_has_a_heatmap_per_matrix_the_family_summary_finding_4_and_the_clever_comparison()
    {
        var analysis = StudyAnalysis.Of(_s.Study);
        var plots = StudyPlots.RenderAll(_s.Study, analysis);
        var md = StudyReport.Markdown(_s.Study, analysis);
        foreach (var name in new[] { "ifgsm-untargeted", "ifgsm-top2", "cw-untargeted", "cw-top2", "fgsm-untargeted" })
        {
            plots.Should().ContainKey($"plots/transfer-{name}.png");
            plots[$"plots/transfer-{name}.png"].Take(4).Should().Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
            md.Should().Contain($"(plots/transfer-{name}.png)");
        }
        md.Should().Contain("### Family summary").And.Contain("**Finding (4)**").And.Contain("## CLEVER scores")
            .And.Contain("CLEVER <= attack").And.Contain("clever-l2, untargeted (L2)");
        // CLEVER's own sections count images scored: no attack ran, so "attacked", "succeeded" and a success rate would mislead.
        var cleverSection = md[md.IndexOf("## clever-l2, untargeted (L2)", StringComparison.Ordinal)..];
        cleverSection = cleverSection[..cleverSection.IndexOf("### Scaling law", StringComparison.Ordinal)];
        cleverSection.Should().Contain("| model | images scored | mean L2 | median L2 |").And.NotContain("success rate").And.NotContain("attacked");
        md[..md.IndexOf("## CLEVER scores", StringComparison.Ordinal)].Should().Contain("| model | attacked | succeeded | success rate |");
        // Within MLP (mlp-1 <-> mlp-2) and across (to and from LeNet): both rates exist for the untargeted I-FGSM matrix.
        var overview = analysis.TransferOverview.Single(o => o.Attack == "ifgsm" && o.TargetMode == "untargeted");
        overview.WithinFamily.Should().NotBeNull();
        overview.CrossFamily.Should().NotBeNull();
    }
}
