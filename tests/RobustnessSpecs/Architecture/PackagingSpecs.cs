using System.Text.RegularExpressions;
using FluentAssertions;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Architecture;

/// <summary>
/// The package version is set in one place, Directory.Build.props; the two files that must name it literally (the
/// dotnet new template's default and the sample consumer's default) are held to it here.
/// </summary>
public sealed partial class PackagingSpecs
{
    private static string Read(params string[] parts) => File.ReadAllText(Path.Combine([Paths.RepositoryRoot, .. parts]));

    private static string Version => VersionElement().Match(Read("Directory.Build.props")).Groups[1].Value;

    [Fact]
    public void The_template_defaults_to_the_packed_version()
    {
        Version.Should().MatchRegex(@"^\d+\.\d+\.\d+");
        Read("src", "RobustnessGate.Templates", "content", "GateTests", ".template.config", "template.json")
            .Should().Contain($"\"defaultValue\": \"{Version}\"");
    }

    [Fact]
    public void The_sample_defaults_to_the_packed_version()
    {
        Version.Should().MatchRegex(@"^\d+\.\d+\.\d+");
        Read("samples", "ShapesGate", "Directory.Packages.props").Should().Contain($"<RobustnessGateVersion Condition=\"'$(RobustnessGateVersion)' == ''\">{Version}</RobustnessGateVersion>");
    }

    [GeneratedRegex(@"<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();
}
