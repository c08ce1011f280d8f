namespace RobustnessGate.Cli;

/// <summary>Wrong command-line usage (exit code 2).</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message) : base(message)
    {
    }

    public UsageException(string message, Exception inner) : base(message, inner)
    {
    }
}
