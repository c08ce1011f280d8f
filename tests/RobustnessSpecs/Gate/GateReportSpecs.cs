using FluentAssertions;
using RobustnessGate.Evaluation;
using RobustnessGate.Gate;
using Xunit;

namespace RobustnessSpecs.Gate;

public sealed class GateReportSpecs
{
    private static CheckResult Judged(EvaluationResult result, GateSnapshot? baseline, bool cached = false) =>
        GateJudge.Judge(GateExamples.Check(), result, baseline, "approved.json", frontier: null, cached);

    private static readonly GateSnapshot Baseline = GateSnapshot.Of(GateExamples.CheckId, GateExamples.Result(), Verdict.Pass);

    private static GateReport Report(params CheckResult[] checks) =>
        new(GateReport.CurrentSchemaVersion, GateExamples.Engine, "thresholds/gate.json", checks);

    [Fact]
    public void A_report_passes_only_when_every_check_passes()
    {
        var pass = Judged(GateExamples.Result(), Baseline);
        var fail = Judged(GateExamples.Result().WithMeanL2(1.3), Baseline);

        Report(pass, pass).Verdict.Should().Be(Verdict.Pass);
        Report(pass, fail).Verdict.Should().Be(Verdict.Fail);
    }

    [Fact]
    public void An_inconclusive_check_makes_the_report_inconclusive_even_beside_a_failure()
    {
        var fail = Judged(GateExamples.Result().WithMeanL2(1.3), Baseline);
        var inconclusive = Judged(GateExamples.Result(), baseline: null);

        Report(fail, inconclusive).Verdict.Should().Be(Verdict.Inconclusive);
    }

    [Fact]
    public void A_report_without_checks_is_inconclusive()
    {
        Report().Verdict.Should().Be(Verdict.Inconclusive, "a gate that checked nothing must not let the build through");
    }

    [Fact]
    public void Cache_hits_count_the_checks_served_from_the_cache()
    {
        Report(Judged(GateExamples.Result(), Baseline, cached: true), Judged(GateExamples.Result(), Baseline)).CacheHits.Should().Be(1);
    }
}
