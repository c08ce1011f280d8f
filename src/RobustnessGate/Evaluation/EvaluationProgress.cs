namespace RobustnessGate.Evaluation;

/// <summary>Progress of an evaluation.</summary>
/// <param name="Attacked">Images whose attack has finished.</param>
/// <param name="ToAttack">Images to attack in all.</param>
/// <param name="BatchFraction">How far the running batch is (0..1).</param>
/// <param name="Stage">What runs now.</param>
public readonly record struct EvaluationProgress(int Attacked, int ToAttack, double BatchFraction, string Stage)
{
    /// <summary>Overall fraction done (0..1).</summary>
    public double Fraction => ToAttack == 0 ? 0 : Math.Min(1, (Attacked + BatchFraction * Math.Min(1, ToAttack - Attacked)) / ToAttack);
}
