namespace RobustnessGate.Attacks;

/// <summary>Shared option vocabularies.</summary>
internal static class CommonChoices
{
    public static readonly (string, Norm)[] GradientNorms = [("linf", Norm.Linf), ("l2", Norm.L2)];

    public static readonly (string, AttackLoss)[] Loss =
        [("ce", AttackLoss.CrossEntropy), ("cross-entropy", AttackLoss.CrossEntropy), ("logit", AttackLoss.Logit), ("margin", AttackLoss.Margin)];

    public static string Name(Norm norm) => norm switch { Norm.Linf => "linf", Norm.L2 => "l2", Norm.L1 => "l1", _ => "l0" };

    public static string Name(AttackLoss loss) => loss switch { AttackLoss.CrossEntropy => "ce", AttackLoss.Logit => "logit", _ => "margin" };
}
