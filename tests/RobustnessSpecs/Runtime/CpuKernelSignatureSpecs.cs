using System.Runtime.InteropServices;
using FluentAssertions;
using RobustnessGate.Runtime;
using Xunit;

namespace RobustnessSpecs.Runtime;

public sealed class CpuKernelSignatureSpecs
{
    private static readonly CpuFeatures Avx512Cpu = Cpu("AuthenticAMD", "sse4_1 avx avx2 fma avx512f avx512bw avx512vl avx512dq avx512_vnni avx512_bf16");
    private static readonly CpuFeatures Avx2Cpu = Cpu("GenuineIntel", "sse4_1 avx avx2 fma");

    private static CpuFeatures Cpu(string vendor, string flags) => new(vendor, flags.Split(' ').ToHashSet(StringComparer.Ordinal));

    private static Func<string, string?> Environment(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_derived_aten_level_is_the_one_libtorch_reports_for_this_process()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64)
            return; // the probe below calls a C++ function of the Linux x64 libtorch
        TorchRuntime.Configure(); // loads libtorch
        var aten = CpuKernelSignature.Current.Split(' ')[0];
        aten.Should().Be("aten=" + LibTorchCpuCapability().ToLowerInvariant(),
            "the signature must name the kernels libtorch really dispatches to (ATEN_CPU_CAPABILITY = '{0}')",
            System.Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY"));
    }

    [Fact]
    public void Aten_follows_ATEN_CPU_CAPABILITY_when_it_names_a_level_and_the_cpu_otherwise()
    {
        CpuKernelSignature.AtenCapability(null, Avx512Cpu).Should().Be("avx512");
        CpuKernelSignature.AtenCapability("default", Avx512Cpu).Should().Be("default");
        CpuKernelSignature.AtenCapability("avx2", Avx512Cpu).Should().Be("avx2");
        CpuKernelSignature.AtenCapability("avx512", Avx2Cpu).Should().Be("avx512", "ATen takes the variable at its word");
        CpuKernelSignature.AtenCapability("AVX2", Avx512Cpu).Should().Be("avx512", "ATen compares case-sensitively and ignores unknown values");
        CpuKernelSignature.AtenCapability("sse", Avx2Cpu).Should().Be("avx2");
    }

    [Fact]
    public void Avx512_needs_vl_bw_dq_and_fma_and_avx2_needs_fma()
    {
        CpuKernelSignature.AtenCapability(null, Cpu("x", "avx2 fma avx512f avx512bw avx512vl")).Should().Be("avx2", "avx512dq is missing");
        CpuKernelSignature.AtenCapability(null, Cpu("x", "avx2 avx512f avx512bw avx512vl avx512dq")).Should().Be("default", "fma is missing");
        CpuKernelSignature.AtenCapability(null, Cpu("x", "sse4_1 avx")).Should().Be("default");
    }

    [Fact]
    public void The_isa_level_is_the_highest_rung_of_onednns_ladder_the_cpu_reaches()
    {
        CpuKernelSignature.IsaLevel(Avx512Cpu).Should().Be("avx512_core_bf16");
        CpuKernelSignature.IsaLevel(Cpu("x", "avx avx2 fma avx512f avx512bw avx512vl avx512dq")).Should().Be("avx512_core");
        CpuKernelSignature.IsaLevel(Cpu("x", "avx avx2 fma avx512f avx512bw avx512vl avx512dq avx512_vnni")).Should().Be("avx512_core_vnni");
        CpuKernelSignature.IsaLevel(Cpu("x", "avx avx2 fma avx_vnni avx512f avx512bw avx512vl avx512dq avx512_vnni avx512_bf16 avx512_fp16 amx_tile amx_int8 amx_bf16"))
            .Should().Be("avx512_core_amx");
        CpuKernelSignature.IsaLevel(Avx2Cpu).Should().Be("avx2");
        CpuKernelSignature.IsaLevel(Cpu("x", "sse4_1")).Should().Be("sse41");
    }

    [Fact]
    public void Kernel_pins_that_are_set_follow_the_level_and_vendor_in_a_fixed_order()
    {
        CpuKernelSignature.Of(Environment(), Avx512Cpu).Should().Be("aten=avx512 isa=avx512_core_bf16 cpu=AuthenticAMD");
        CpuKernelSignature.Of(Environment(("MKL_ENABLE_INSTRUCTIONS", "AVX2"), ("MKL_CBWR", "AVX2"), ("DNNL_MAX_CPU_ISA", "AVX2"), ("ATEN_CPU_CAPABILITY", "avx2")), Avx512Cpu)
            .Should().Be("aten=avx2 isa=avx512_core_bf16 cpu=AuthenticAMD DNNL_MAX_CPU_ISA=AVX2 MKL_CBWR=AVX2 MKL_ENABLE_INSTRUCTIONS=AVX2");
        CpuKernelSignature.Of(Environment(("ATEN_CPU_CAPABILITY", "default")), Avx2Cpu).Should().Be("aten=default isa=avx2 cpu=GenuineIntel");
    }

    [Fact]
    public void Unknown_kernels_never_match_and_a_known_signature_matches_only_itself()
    {
        CpuKernelSignature.MatchesCurrent(null).Should().BeFalse();
        CpuKernelSignature.MatchesCurrent(CpuKernelSignature.Unknown).Should().BeFalse();
        CpuKernelSignature.MatchesCurrent(CpuKernelSignature.Current).Should().Be(CpuKernelSignature.Current != CpuKernelSignature.Unknown);
        CpuKernelSignature.MatchesCurrent(CpuKernelSignature.Current + " MKL_CBWR=AVX2").Should().BeFalse();
    }

    [Fact]
    public void Proc_cpuinfo_gives_the_vendor_and_flags_of_the_first_processor()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu avx2 fma\n\nprocessor\t: 1\nvendor_id\t: Other\nflags\t\t: fpu\n");
            var cpu = CpuKernelSignature.FromProcCpuInfo(path)!;
            cpu.Vendor.Should().Be("GenuineIntel");
            cpu.Flags.Should().BeEquivalentTo(["fpu", "avx2", "fma"]);
            File.WriteAllText(path, "processor\t: 0\n");
            CpuKernelSignature.FromProcCpuInfo(path).Should().BeNull("a file without flags says nothing about the CPU");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void On_linux_proc_cpuinfo_and_dotnet_agree_on_the_cpu_extensions_aten_looks_at()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64)
            return;
        var cpu = CpuKernelSignature.FromProcCpuInfo("/proc/cpuinfo")!;
        cpu.Has("avx2").Should().Be(System.Runtime.Intrinsics.X86.Avx2.IsSupported);
        cpu.Has("fma").Should().Be(System.Runtime.Intrinsics.X86.Fma.IsSupported);
        cpu.Has("avx512bw").Should().Be(System.Runtime.Intrinsics.X86.Avx512BW.IsSupported);
        cpu.Has("avx512dq").Should().Be(System.Runtime.Intrinsics.X86.Avx512DQ.IsSupported);
        cpu.Has("avx512vl").Should().Be(System.Runtime.Intrinsics.X86.Avx512F.VL.IsSupported);
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ReturnsStdString(IntPtr result);

    /// <summary>
    /// libtorch's own answer, at::get_cpu_capability() ("DEFAULT", "AVX2", "AVX512"), which TorchSharp does not wrap. It
    /// returns a std::string; on the x86-64 System V ABI the caller passes the result's storage as a hidden first
    /// argument, and libstdc++ lays a string out as {char* data, size_t length, 16-byte inline buffer}. Names this short
    /// live in the inline buffer, so nothing is left to free.
    /// </summary>
    private static string LibTorchCpuCapability()
    {
        var library = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 6 && Path.GetFileName(parts[^1]) == "libtorch_cpu.so")
            .Select(parts => parts[^1])
            .First();
        var handle = NativeLibrary.Load(library);
        var function = Marshal.GetDelegateForFunctionPointer<ReturnsStdString>(NativeLibrary.GetExport(handle, "_ZN2at18get_cpu_capabilityB5cxx11Ev"));
        var storage = Marshal.AllocHGlobal(32);
        try
        {
            function(storage);
            var data = Marshal.ReadIntPtr(storage);
            long length = Marshal.ReadInt64(storage, 8);
            data.Should().Be(storage + 16, "a capability name fits libstdc++'s inline string buffer");
            return Marshal.PtrToStringAnsi(data, (int)length);
        }
        finally
        {
            Marshal.FreeHGlobal(storage);
            NativeLibrary.Free(handle);
        }
    }
}
