namespace RobustnessGate.Attacks.Definitions;

/// <summary>An option of the options record <typeparamref name="TOptions"/>, whatever its value type.</summary>
/// <typeparam name="TOptions">The attack's options record.</typeparam>
public abstract class AttackOption<TOptions> : AttackOption where TOptions : class
{
    private protected AttackOption(string name, string description, string? unit) : base(name, description, unit)
    {
    }
}
