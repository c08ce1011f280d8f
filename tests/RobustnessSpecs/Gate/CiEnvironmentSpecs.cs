using FluentAssertions;
using RobustnessGate.Gate;
using Xunit;

namespace RobustnessSpecs.Gate;

public sealed class CiEnvironmentSpecs
{
    private static Func<string, string?> Only(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData("CI", "true")]
    [InlineData("CI", "1")]
    [InlineData("GITHUB_ACTIONS", "true")]
    [InlineData("TF_BUILD", "True")]
    [InlineData("GITLAB_CI", "true")]
    [InlineData("BUILDKITE", "true")]
    [InlineData("JENKINS_URL", "https://jenkins.example/")]
    [InlineData("TEAMCITY_VERSION", "2024.03")]
    [InlineData("ROBUSTNESSGATE_CI", "yes")]
    public void A_service_variable_that_is_set_says_ci_and_is_named(string variable, string value)
    {
        CiEnvironment.Detect(Only((variable, value))).Should().Be(variable);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("FALSE")]
    [InlineData("0")]
    [InlineData("no")]
    [InlineData("off")]
    [InlineData(" ")]
    [InlineData("")]
    public void A_variable_that_says_false_or_is_blank_does_not_say_ci(string value)
    {
        CiEnvironment.Detect(Only(("CI", value))).Should().BeNull();
    }

    [Fact]
    public void With_no_variable_set_this_is_not_ci()
    {
        CiEnvironment.Detect(_ => null).Should().BeNull();
    }

    [Fact]
    public void The_tool_variable_is_named_first_when_several_are_set()
    {
        CiEnvironment.Detect(Only(("CI", "true"), ("GITHUB_ACTIONS", "true"), ("ROBUSTNESSGATE_CI", "1"))).Should().Be("ROBUSTNESSGATE_CI");
        CiEnvironment.Detect(Only(("CI", "false"), ("GITHUB_ACTIONS", "true"))).Should().Be("GITHUB_ACTIONS");
    }

    [Fact]
    public void Every_variable_read_is_listed()
    {
        CiEnvironment.Variables.Should().Equal("ROBUSTNESSGATE_CI", "CI", "GITHUB_ACTIONS", "TF_BUILD", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TEAMCITY_VERSION");
    }
}
