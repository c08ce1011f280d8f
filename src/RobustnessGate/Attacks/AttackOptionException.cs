namespace RobustnessGate.Attacks;

/// <summary>
/// An attack option with a wrong name or value. <see cref="Attack"/>, <see cref="Option"/> and <see cref="Problem"/> let each
/// front end say it in its own terms (the command line as --flag, a threshold file as its field); the message names the
/// option as the attack's definition does.
/// </summary>
public sealed class AttackOptionException : Exception
{
    /// <summary>Creates the exception for one option of one attack.</summary>
    /// <param name="attack">Attack name, or null when the attack itself is unknown.</param>
    /// <param name="option">Option name as given (null when the problem is not one option's).</param>
    /// <param name="problem">What is wrong: expected and actual value.</param>
    /// <param name="unknownOption">True when <paramref name="option"/> is not an option of the attack.</param>
    /// <param name="allowed">The names that would have been accepted (options, attacks or presets).</param>
    public AttackOptionException(string? attack, string? option, string problem, bool unknownOption = false, IReadOnlyList<string>? allowed = null)
        : base(Compose(attack, option, problem))
    {
        Attack = attack;
        Option = option;
        Problem = problem;
        UnknownOption = unknownOption;
        Allowed = allowed ?? [];
    }

    /// <summary>Creates the exception.</summary>
    public AttackOptionException(string message) : base(message)
    {
        Problem = message;
        Allowed = [];
    }

    /// <summary>Creates the exception.</summary>
    public AttackOptionException() : this("invalid attack option")
    {
    }

    /// <summary>Creates the exception.</summary>
    public AttackOptionException(string message, Exception innerException) : base(message, innerException)
    {
        Problem = message;
        Allowed = [];
    }

    /// <summary>The attack.</summary>
    public string? Attack { get; }

    /// <summary>The option as given, or null.</summary>
    public string? Option { get; }

    /// <summary>What is wrong, without the option's name.</summary>
    public string Problem { get; }

    /// <summary>True when <see cref="Option"/> is no option of the attack.</summary>
    public bool UnknownOption { get; }

    /// <summary>The accepted names (for unknown options, attacks and presets).</summary>
    public IReadOnlyList<string> Allowed { get; }

    private static string Compose(string? attack, string? option, string problem) =>
        (attack is null ? "" : $"attack '{attack}': ") + (option is null ? "" : $"option '{option}': ") + problem;
}
