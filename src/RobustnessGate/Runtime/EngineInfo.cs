namespace RobustnessGate.Runtime;

/// <summary>Tool and runtime.</summary>
/// <param name="Name">"RobustnessGate".</param>
/// <param name="Version">Tool version.</param>
/// <param name="TorchSharp">TorchSharp version.</param>
/// <param name="Threads">Pinned thread count.</param>
public sealed record EngineInfo(string Name, string Version, string TorchSharp, int Threads);
