namespace RobustnessGate.Gate;

/// <summary>An invalid threshold file; the message names the file, the check, the field and the expected value.</summary>
public sealed class ThresholdFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ThresholdFileException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ThresholdFileException() : base()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ThresholdFileException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
