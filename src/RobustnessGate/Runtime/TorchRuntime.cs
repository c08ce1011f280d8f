using System.Runtime.InteropServices;
using TorchSharp;

namespace RobustnessGate.Runtime;

/// <summary>Process-wide TorchSharp settings that make results comparable between runs.</summary>
public static partial class TorchRuntime
{
    /// <summary>The thread count every comparable run uses. libtorch splits sums by thread, so results change with it in the last bits.</summary>
    public const int DefaultThreads = 2;

    private static readonly object Gate = new();

    static TorchRuntime() => PreferPassiveWaiting();

    /// <summary>
    /// libtorch's OpenMP threads spin while they wait. When other processes compete for the cores (CI runners, a study
    /// next to a build), spinning makes every step 5-20x slower; passive waiting changes speed, never results. libgomp reads
    /// OMP_WAIT_POLICY once, when libtorch is loaded, from the C environment (which .NET's Environment does not write),
    /// so it is set here through libc before the first torch call, unless the user already chose a policy.
    /// </summary>
    public static void PreferPassiveWaiting()
    {
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is { } chosen)
        {
            WaitPolicy = chosen;
            return;
        }
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            if (SetEnv("OMP_WAIT_POLICY", "PASSIVE", 0) == 0)
                WaitPolicy = "PASSIVE";
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    /// <summary>
    /// The OpenMP wait policy libtorch runs with: the user's OMP_WAIT_POLICY, else PASSIVE as set by
    /// <see cref="PreferPassiveWaiting"/>, else "default" (libgomp spins about 300,000 times before sleeping).
    /// Passive waiting costs a single process on idle cores roughly 15-25 % (measured on LeNet, 2 cores); spinning costs
    /// two processes sharing the cores 2.5-4x.
    /// </summary>
    public static string WaitPolicy { get; private set; } = "default";

    /// <summary>Pins the intra-op thread count and the global seed. Safe to call repeatedly.</summary>
    public static void Configure(int threads = DefaultThreads, long? seed = null)
    {
        if (threads < 1)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1");
        lock (Gate)
        {
            if (torch.get_num_threads() != threads)
                torch.set_num_threads(threads);
            if (seed is { } s)
                torch.manual_seed(s);
        }
    }

    /// <summary>
    /// Returns memory that glibc keeps after tensors are freed (measured: a C&amp;W run grew to 2 GB without it, 300 MB with it). A no-op off Linux.
    /// </summary>
    public static void ReleaseFreedMemory()
    {
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (DllNotFoundException)
        {
            // Not glibc (e.g. musl): nothing to trim.
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    /// <summary>Resident set size of this process in bytes, from /proc (0 where unavailable).</summary>
    public static long ResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return Environment.WorkingSet;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
