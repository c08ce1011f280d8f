using System.Runtime.InteropServices;
using TorchSharp;

namespace RobustnessGate.Runtime;

/// <summary>Process-wide TorchSharp settings that make results comparable between runs.</summary>
public static partial class TorchRuntime
{
    /// <summary>The environment variable that sets <see cref="DefaultThreads"/>.</summary>
    /// <remarks>
    /// Test runs get it from the MSBuild property RobustnessGateThreads (build/RobustnessGate.props), through the
    /// runsettings file build/RobustnessGate.targets writes for every test project.
    /// </remarks>
    public const string ThreadsVariable = "ROBUSTNESSGATE_THREADS";

    /// <summary>The thread count when <see cref="ThreadsVariable"/> is not set.</summary>
    public const int BuiltInThreads = 2;

    /// <summary>The largest thread count <see cref="ThreadsVariable"/> may ask for.</summary>
    public const int MaxThreads = 1024;

    /// <summary>
    /// The thread count every comparable run uses: <see cref="ThreadsVariable"/> when it is set, else
    /// <see cref="BuiltInThreads"/>. libtorch's results change with the thread count, so gates and snapshots pin it.
    /// </summary>
    /// <exception cref="ArgumentException">The variable is set to something other than an integer from 1 to <see cref="MaxThreads"/>.</exception>
    public static int DefaultThreads => ParseThreads(Environment.GetEnvironmentVariable(ThreadsVariable)) ?? BuiltInThreads;

    /// <summary>Parses a value of <see cref="ThreadsVariable"/>: null when unset or empty, else an integer from 1 to <see cref="MaxThreads"/>.</summary>
    /// <exception cref="ArgumentException">Not such an integer; the message names the variable, the range and the value.</exception>
    public static int? ParseThreads(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (!int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int threads)
            || threads < 1 || threads > MaxThreads)
        {
            throw new ArgumentException(
                $"environment variable {ThreadsVariable}: expected an integer thread count from 1 to {MaxThreads}, got '{value}'");
        }
        return threads;
    }

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
    /// <param name="threads">Intra-op threads; null: <see cref="DefaultThreads"/>.</param>
    /// <param name="seed">Seeds libtorch's global generator when given.</param>
    public static void Configure(int? threads = null, long? seed = null)
    {
        int count = threads ?? DefaultThreads;
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1");
        lock (Gate)
        {
            if (torch.get_num_threads() != count)
                torch.set_num_threads(count);
            if (seed is { } s)
                torch.manual_seed(s);
        }
    }

    /// <summary>
    /// Runs the calling thread's libtorch operations on one thread until disposed, then restores the thread count: for
    /// calls too small for a second thread to pay off (see RobustnessGate.Attacks.CallThreads). Per-element results do
    /// not depend on it; reductions may differ in round-off, as they do between batch shapes. A no-op when libtorch
    /// already runs on one thread; the default value of the scope changes nothing.
    /// </summary>
    public static OneThreadScope OneThread() => new(torch.get_num_threads());

    /// <summary>See <see cref="OneThread"/>.</summary>
    public readonly struct OneThreadScope : IDisposable
    {
        private readonly int restore;

        internal OneThreadScope(int threads)
        {
            restore = threads;
            if (threads > 1)
                torch.set_num_threads(1);
        }

        /// <summary>Restores the thread count the scope started with.</summary>
        public void Dispose()
        {
            if (restore > 1)
                torch.set_num_threads(restore);
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
