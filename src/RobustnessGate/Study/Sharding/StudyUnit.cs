namespace RobustnessGate.Study.Sharding;

/// <summary>One cell of a study as the shards see it.</summary>
/// <param name="Id">The unit's id (<see cref="Running.StudyUnitIds"/>), e.g. "lenet/cw-top2" or "lenet/clever-l2-untargeted".</param>
/// <param name="Model">The model it runs on.</param>
/// <param name="Cost">Static cost estimate in multiply-adds (<see cref="StudyCostModel"/>).</param>
public sealed record StudyUnit(string Id, string Model, double Cost);
