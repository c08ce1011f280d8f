namespace RobustnessGate.Runtime;

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread, in order (System.Progress posts to the thread pool).</summary>
/// <typeparam name="T">Report type.</typeparam>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => report(value);
}
