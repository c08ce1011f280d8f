namespace RobustnessGate.Attacks;

/// <summary>An attack option with a wrong name or value; the message names the option and what is expected.</summary>
public sealed class AttackOptionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AttackOptionException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AttackOptionException() : base()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AttackOptionException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
