namespace RobustnessGate.Gate;

/// <summary>A gate that cannot be run as configured (a frontier of another protocol, a corrupt snapshot): an error, not a verdict.</summary>
public sealed class GateConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GateConfigurationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GateConfigurationException() : base()
    {
    }

    /// <summary>Creates the exception.</summary>
    public GateConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
