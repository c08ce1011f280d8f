namespace RobustnessGate.Data;

/// <summary>A data file that cannot be read: the message names the file, what was found and what was expected.</summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataFormatException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
    }

    /// <summary>Creates the exception.</summary>
    public DataFormatException() : base()
    {
        Path = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public DataFormatException(string message, Exception innerException) : base(message, innerException)
    {
        Path = string.Empty;
    }

    /// <summary>The file.</summary>
    public string Path { get; }
}
