using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using RobustnessGate.Evaluation;
using RobustnessGate.Gate;
using RobustnessGate.Study.Frontiers;

namespace RobustnessSpecs.TestSupport;

/// <summary>
/// FluentAssertions for the gate: <c>checkResult.Should().Pass()</c>, <c>result.Should().MeetThresholds(check, baseline)</c>
/// and <c>result.Should().StayOnFrontier(frontier, accuracy, tolerance)</c>. Failure messages say what regressed, by how much,
/// against which baseline and frontier; the verdicts are the library's (GateJudge, FrontierJudge), never re-implemented here.
/// </summary>
public static class GateAssertions
{
    public static CheckResultAssertions Should(this CheckResult result) => new(result);

    public static EvaluationGateAssertions Should(this EvaluationResult? result) => new(result);
}

public sealed class CheckResultAssertions(CheckResult subject) : ReferenceTypeAssertions<CheckResult, CheckResultAssertions>(subject)
{
    protected override string Identifier => "gate check";

    public AndConstraint<CheckResultAssertions> Pass(string because = "", params object[] becauseArgs)
    {
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(Subject.Verdict == Verdict.Pass)
            .FailWith("Expected {context:gate check} to pass{reason}, but {0}", new RobustnessMessage(Subject.Message));
        return new(this);
    }
}

public sealed class EvaluationGateAssertions(EvaluationResult? subject) : ReferenceTypeAssertions<EvaluationResult, EvaluationGateAssertions>(subject!)
{
    protected override string Identifier => "evaluation";

    /// <summary>The result meets the check's bands and stays within tolerance of <paramref name="baseline"/>.</summary>
    public AndConstraint<EvaluationGateAssertions> MeetThresholds(GateCheck check, GateSnapshot baseline, string because = "", params object[] becauseArgs)
    {
        var judged = GateJudge.Judge(check, Subject!, baseline, "(baseline given in code)", null, cached: false);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(judged.Verdict == Verdict.Pass)
            .FailWith("Expected {context:evaluation} to meet its thresholds{reason}, but {0}", new RobustnessMessage(judged.Message));
        return new(this);
    }

    /// <summary>The model, at <paramref name="accuracy"/>, is not behind <paramref name="frontier"/> by more than <paramref name="tolerance"/>.</summary>
    public AndConstraint<EvaluationGateAssertions> StayOnFrontier(FrontierFile frontier, double accuracy, double tolerance, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        var norm = Enum.Parse<RobustnessGate.Attacks.Norm>(frontier.Norm);
        var outcome = FrontierJudge.Compare(frontier, "(frontier given in code)", accuracy, Subject!.Distortion.For(norm).Mean, tolerance);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(outcome.Verdict == Verdict.Pass)
            .FailWith("Expected {context:evaluation} to stay on its frontier{reason}, but it is {0}", new RobustnessMessage(outcome.Reason));
        return new(this);
    }
}

/// <summary>Message text that FluentAssertions prints as it is (no quotes around it).</summary>
public sealed record RobustnessMessage(string Text)
{
    public override string ToString() => Text;
}
