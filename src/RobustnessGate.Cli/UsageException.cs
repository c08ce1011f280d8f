namespace RobustnessGate.Cli;

/// <summary>Wrong command-line usage (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
