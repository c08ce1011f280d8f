namespace RobustnessGate.Evaluation;

/// <summary>A model or attack that breaks the evaluation contract (probability outputs, wrong shapes, out-of-box examples).</summary>
public sealed class ModelContractException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelContractException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ModelContractException() : base()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ModelContractException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
