namespace RobustnessGate.Study;

/// <summary>A study file that cannot be read or breaks a rule; the message names the file, the field and what was expected.</summary>
public sealed class StudyFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StudyFormatException() { }

    /// <summary>Creates the exception with a message.</summary>
    public StudyFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StudyFormatException(string message, Exception inner) : base(message, inner) { }
}
