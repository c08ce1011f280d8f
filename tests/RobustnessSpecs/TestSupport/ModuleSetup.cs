using System.Runtime.CompilerServices;
using RobustnessGate.Runtime;

namespace RobustnessSpecs.TestSupport;

internal static class ModuleSetup
{
    // Before any test touches libtorch: passive OpenMP waiting (speed only, never results) and the pinned thread count.
    [ModuleInitializer]
    internal static void Initialize()
    {
        TorchRuntime.PreferPassiveWaiting();
        TorchRuntime.Configure();
    }
}
