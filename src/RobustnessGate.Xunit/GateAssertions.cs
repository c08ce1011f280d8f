using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using RobustnessGate.Evaluation;
using RobustnessGate.Gate;
using RobustnessGate.Study.Frontiers;
using static RobustnessGate.Xunit.MessageText;

namespace RobustnessGate.Xunit;

/// <summary>
/// FluentAssertions for the gate: <c>checkResult.Should().Pass()</c>, <c>result.Should().MeetThresholds(check, baseline)</c>
/// and <c>result.Should().StayOnFrontier(frontier, accuracy, tolerance)</c>. Failure messages say what regressed, by how much,
/// against which baseline and frontier; the verdicts are the library's (GateJudge, FrontierJudge), never re-implemented here.
/// </summary>
public static class GateAssertions
{
    /// <summary>Assertions on a gate check's result.</summary>
    public static CheckResultAssertions Should(this CheckResult result) => new(result);

    /// <summary>Gate assertions on an evaluation result.</summary>
    public static EvaluationGateAssertions Should(this EvaluationResult? result) => new(result);
}

/// <summary>Assertions on a <see cref="CheckResult"/>.</summary>
public sealed class CheckResultAssertions(CheckResult subject) : ReferenceTypeAssertions<CheckResult, CheckResultAssertions>(subject)
{
    /// <inheritdoc/>
    protected override string Identifier => "gate check";

    /// <summary>The check passed; otherwise fails with the gate's own message (what moved, by how much, against which baseline and frontier).</summary>
    public AndConstraint<CheckResultAssertions> Pass(string because = "", params object[] becauseArgs)
    {
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(Subject.Verdict == Verdict.Pass)
            .FailWith("Expected {context:gate check} to pass{reason}, but " + Literal(Subject.Message));
        return new(this);
    }
}

/// <summary>Gate assertions on an <see cref="EvaluationResult"/> judged against thresholds given in code.</summary>
public sealed class EvaluationGateAssertions(EvaluationResult? subject) : ReferenceTypeAssertions<EvaluationResult, EvaluationGateAssertions>(subject!)
{
    /// <inheritdoc/>
    protected override string Identifier => "evaluation";

    /// <summary>The result meets the check's bands and stays within tolerance of <paramref name="baseline"/>.</summary>
    public AndConstraint<EvaluationGateAssertions> MeetThresholds(GateCheck check, GateSnapshot baseline, string because = "", params object[] becauseArgs)
    {
        var judged = GateJudge.Judge(check, Subject!, baseline, "(baseline given in code)", null, cached: false);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(judged.Verdict == Verdict.Pass)
            .FailWith("Expected {context:evaluation} to meet its thresholds{reason}, but " + Literal(judged.Message));
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
            .FailWith("Expected {context:evaluation} to stay on its frontier{reason}, but it is " + Literal(outcome.Reason));
        return new(this);
    }
}

internal static class MessageText
{
    /// <summary>
    /// The gate's message as literal text inside a FluentAssertions failure format: braces doubled so they are not read as
    /// placeholders, and no quotes or object dump around it, so the test output shows the same text as the gate command.
    /// </summary>
    public static string Literal(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
