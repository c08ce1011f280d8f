using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace RobustnessGate.Runtime;

/// <summary>
/// Which CPU kernels libtorch runs in this process, as one comparable text such as
/// <c>aten=avx512 isa=avx512_core_bf16 cpu=AuthenticAMD</c>. libtorch chooses its kernels per CPU at run time, and float
/// sums taken in another order round differently, so trained weights and other stored numbers are reproducible bit for
/// bit only between runs with the same signature.
/// </summary>
/// <remarks>
/// <para>
/// <c>aten</c> is ATen's CPU capability (the level its vectorised kernels are dispatched at). TorchSharp 0.107 does not
/// expose it, so it is derived exactly as ATen 2.10 computes it (aten/src/ATen/native/DispatchStub.cpp,
/// <c>compute_cpu_capability</c>): ATEN_CPU_CAPABILITY when it is <c>avx512</c>, <c>avx2</c> or <c>default</c> (any other
/// value is ignored with a warning); otherwise <c>avx512</c> when the CPU has AVX-512 VL, BW and DQ and FMA, <c>avx2</c> when
/// it has AVX2 and FMA, else <c>default</c>. A spec compares this with libtorch's own answer.
/// </para>
/// <para>
/// oneDNN (convolutions) and MKL (matrix products) choose their own code paths from the CPU's vendor and ISA extensions and
/// expose no choice either, so the signature adds <c>isa</c>, the highest rung of oneDNN's x86 ISA ladder the CPU reaches
/// (<c>sse41</c> ... <c>avx512_core_amx</c>), and <c>cpu</c>, the vendor, then every environment variable that pins those
/// libraries (<see cref="PinVariables"/>) that is set, as NAME=value.
/// </para>
/// <para>
/// On Linux the CPU's extensions come from /proc/cpuinfo, which lists only what the kernel has enabled (the same
/// hardware-and-OS test ATen's cpuinfo library makes). Elsewhere they come from System.Runtime.Intrinsics, which knows no
/// extension above AVX-512 (so <c>isa</c> stops at <c>avx512_core</c> there) and which DOTNET_EnableAVX* settings can turn
/// off; both only make a signature differ, never make two different kernel sets look alike. On other architectures than
/// x64 the signature is <see cref="Unknown"/>.
/// </para>
/// </remarks>
public static class CpuKernelSignature
{
    /// <summary>The signature of results whose kernels are not known (older manifests, non-x64 machines).</summary>
    public const string Unknown = "unknown";

    /// <summary>The variable ATen reads its capability level from.</summary>
    public const string AtenVariable = "ATEN_CPU_CAPABILITY";

    /// <summary>Environment variables that pin oneDNN's or MKL's kernel choice; those that are set enter the signature.</summary>
    public static IReadOnlyList<string> PinVariables { get; } =
        ["DNNL_MAX_CPU_ISA", "ONEDNN_MAX_CPU_ISA", "DNNL_DEFAULT_FPMATH_MODE", "ONEDNN_DEFAULT_FPMATH_MODE", "MKL_CBWR", "MKL_ENABLE_INSTRUCTIONS"];

    private static readonly Lazy<string> CurrentSignature = new(() =>
        RuntimeInformation.ProcessArchitecture == Architecture.X64
            ? Of(Environment.GetEnvironmentVariable, ReadCpu())
            : Unknown);

    /// <summary>The signature of this process (read once: libtorch, oneDNN and MKL also choose once, when they load).</summary>
    public static string Current => CurrentSignature.Value;

    /// <summary>True when <paramref name="recorded"/> is known and equal to <see cref="Current"/>.</summary>
    public static bool MatchesCurrent(string? recorded) => recorded is not null && recorded != Unknown && Current != Unknown && recorded == Current;

    /// <summary>The signature for an environment and a CPU.</summary>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <param name="cpu">The CPU's vendor and extension flags, named as in Linux's /proc/cpuinfo.</param>
    public static string Of(Func<string, string?> environment, CpuFeatures cpu)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(cpu);
        var parts = new List<string> { "aten=" + AtenCapability(environment(AtenVariable), cpu), "isa=" + IsaLevel(cpu), "cpu=" + cpu.Vendor };
        foreach (var name in PinVariables)
        {
            if (environment(name) is { Length: > 0 } value)
                parts.Add(name + "=" + string.Concat(value.Where(c => !char.IsWhiteSpace(c))));
        }
        return string.Join(' ', parts);
    }

    /// <summary>ATen's CPU capability level: <c>avx512</c>, <c>avx2</c> or <c>default</c>, as compute_cpu_capability decides.</summary>
    /// <param name="variable">The value of ATEN_CPU_CAPABILITY, or null.</param>
    /// <param name="cpu">The CPU's extensions.</param>
    public static string AtenCapability(string? variable, CpuFeatures cpu)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        // Exact, case-sensitive comparisons, as ATen's; an unknown value falls through to detection.
        if (variable is "avx512" or "avx2" or "default")
            return variable;
        if (cpu.Has("avx512vl") && cpu.Has("avx512bw") && cpu.Has("avx512dq") && cpu.Has("fma"))
            return "avx512";
        if (cpu.Has("avx2") && cpu.Has("fma"))
            return "avx2";
        return "default";
    }

    /// <summary>The highest rung of oneDNN's x86 ISA ladder (its cpu_isa_t names) that the CPU's extensions reach.</summary>
    public static string IsaLevel(CpuFeatures cpu)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        bool core = cpu.Has("avx512f") && cpu.Has("avx512bw") && cpu.Has("avx512vl") && cpu.Has("avx512dq");
        bool vnni = core && cpu.Has("avx512_vnni");
        bool bf16 = vnni && cpu.Has("avx512_bf16");
        if (bf16 && cpu.Has("amx_tile") && cpu.Has("amx_int8") && cpu.Has("amx_bf16"))
            return "avx512_core_amx";
        if (bf16 && cpu.Has("avx512_fp16") && cpu.Has("avx_vnni"))
            return "avx512_core_fp16";
        if (bf16)
            return "avx512_core_bf16";
        if (vnni)
            return "avx512_core_vnni";
        if (core)
            return "avx512_core";
        if (cpu.Has("avx2"))
            return cpu.Has("avx_vnni") ? "avx2_vnni" : "avx2";
        if (cpu.Has("avx"))
            return "avx";
        return cpu.Has("sse4_1") ? "sse41" : "none";
    }

    /// <summary>This machine's CPU: /proc/cpuinfo on Linux, System.Runtime.Intrinsics elsewhere.</summary>
    public static CpuFeatures ReadCpu()
    {
        if (OperatingSystem.IsLinux() && FromProcCpuInfo("/proc/cpuinfo") is { } fromProc)
            return fromProc;
        return FromIntrinsics();
    }

    /// <summary>Vendor and flags of the first processor listed in a /proc/cpuinfo file; null when it has none.</summary>
    public static CpuFeatures? FromProcCpuInfo(string path)
    {
        string? vendor = null;
        string? flags = null;
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                    continue;
                var key = line[..colon].Trim();
                if (key == "vendor_id")
                    vendor ??= line[(colon + 1)..].Trim();
                else if (key == "flags")
                    flags ??= line[(colon + 1)..];
                if (vendor is not null && flags is not null)
                    break;
            }
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        return flags is null ? null
            : new CpuFeatures(vendor ?? Unknown, flags.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal));
    }

    private static CpuFeatures FromIntrinsics()
    {
        var flags = new HashSet<string>(StringComparer.Ordinal);
        void Add(bool supported, string flag)
        {
            if (supported)
                flags.Add(flag);
        }
        Add(Sse41.IsSupported, "sse4_1");
        Add(Avx.IsSupported, "avx");
        Add(Avx2.IsSupported, "avx2");
        Add(Fma.IsSupported, "fma");
        Add(Avx512F.IsSupported, "avx512f");
        Add(Avx512BW.IsSupported, "avx512bw");
        Add(Avx512DQ.IsSupported, "avx512dq");
        Add(Avx512F.VL.IsSupported, "avx512vl");
        string vendor = Unknown;
        if (X86Base.IsSupported)
        {
            var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
            Span<byte> name = stackalloc byte[12];
            BitConverter.TryWriteBytes(name[..4], ebx);
            BitConverter.TryWriteBytes(name[4..8], edx);
            BitConverter.TryWriteBytes(name[8..], ecx);
            vendor = System.Text.Encoding.ASCII.GetString(name);
        }
        return new CpuFeatures(vendor, flags);
    }
}

/// <summary>A CPU's vendor and ISA extension flags (named as in Linux's /proc/cpuinfo: avx2, fma, avx512bw, avx512_bf16, ...).</summary>
/// <param name="Vendor">CPUID vendor text, e.g. GenuineIntel or AuthenticAMD.</param>
/// <param name="Flags">Extension flags.</param>
public sealed record CpuFeatures(string Vendor, IReadOnlySet<string> Flags)
{
    /// <summary>True when the CPU has <paramref name="flag"/>.</summary>
    public bool Has(string flag) => Flags.Contains(flag);
}
