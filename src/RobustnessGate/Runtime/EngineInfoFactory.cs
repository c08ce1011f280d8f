using System.Reflection;

namespace RobustnessGate.Runtime;

/// <summary>Describes the running tool for result files.</summary>
public static class EngineInfoFactory
{
    /// <summary>Tool and TorchSharp versions with the thread count.</summary>
    public static EngineInfo Current(int threads)
    {
        var tool = typeof(EngineInfoFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var torchSharp = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown";
        return new EngineInfo("RobustnessGate", tool.Split('+')[0], torchSharp, threads);
    }
}
