using System.Reflection;
using FluentAssertions;
using RobustnessGate.Runtime;
using Xunit;

namespace RobustnessSpecs.Runtime;

public sealed class ThreadPinSpecs
{
    [Fact]
    public void The_test_process_runs_with_the_thread_count_the_build_pins()
    {
        // RobustnessGateThreads (build/RobustnessGate.props) as this assembly was built with it, handed to the test host
        // as ROBUSTNESSGATE_THREADS through the runsettings file build/RobustnessGate.targets writes.
        var pinned = typeof(ThreadPinSpecs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RobustnessGateThreads").Value;
        Environment.GetEnvironmentVariable(TorchRuntime.ThreadsVariable).Should().Be(pinned,
            "the test run must hand the MSBuild property RobustnessGateThreads to the test process as {0} (a runsettings file of your own replaces the generated one; add the variable to it)",
            TorchRuntime.ThreadsVariable);
        TorchRuntime.DefaultThreads.Should().Be(int.Parse(pinned!, System.Globalization.CultureInfo.InvariantCulture));
        TorchRuntime.Configure();
        TorchSharp.torch.get_num_threads().Should().Be(TorchRuntime.DefaultThreads);
    }

    [Fact]
    public void An_unset_or_empty_thread_variable_leaves_the_built_in_two_threads()
    {
        TorchRuntime.ParseThreads(null).Should().BeNull();
        TorchRuntime.ParseThreads("").Should().BeNull();
        TorchRuntime.BuiltInThreads.Should().Be(2);
        TorchRuntime.ParseThreads("1").Should().Be(1);
        TorchRuntime.ParseThreads(" 16 ").Should().Be(16);
        TorchRuntime.ParseThreads("1024").Should().Be(1024);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("1025")]
    [InlineData("two")]
    [InlineData("2.5")]
    [InlineData("99999999999")]
    public void A_thread_variable_outside_one_to_1024_is_refused_naming_the_variable_the_range_and_the_value(string value)
    {
        var act = () => TorchRuntime.ParseThreads(value);
        act.Should().Throw<ArgumentException>().WithMessage($"*ROBUSTNESSGATE_THREADS*from 1 to 1024*'{value}'*");
    }
}
