using System.Reflection;
using FluentAssertions;
using RobustnessGate.Gate.Caching;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Gate;

/// <summary>
/// Where the result cache lives: the nearest repository root above the thresholds file, else beside it, unless
/// ROBUSTNESSGATE_CACHE (or the build's RobustnessGateCacheDirectory, handed over as that variable) names a folder.
/// The facts that set the variable and the one that reads it share this class, so they never run at the same time.
/// </summary>
public sealed class ResultCacheFolderSpecs : IDisposable
{
    private readonly string _folder = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_default_folder_is_at_the_nearest_folder_above_the_thresholds_file_with_a_git_entry()
    {
        var repository = Path.Combine(_folder, "repo");
        Directory.CreateDirectory(Path.Combine(repository, ".git"));
        var thresholds = Path.Combine(repository, "ci", "thresholds", "gate.json");
        Directory.CreateDirectory(Path.GetDirectoryName(thresholds)!);

        ResultCache.DefaultDirectory(thresholds, variable: null).Should().Be(Path.Combine(repository, ".robustness-cache"));
    }

    [Fact]
    public void A_git_worktree_whose_git_entry_is_a_file_counts_as_the_repository_root()
    {
        var worktree = Path.Combine(_folder, "worktree");
        Directory.CreateDirectory(Path.Combine(worktree, "thresholds"));
        File.WriteAllText(Path.Combine(worktree, ".git"), "gitdir: /elsewhere/.git/worktrees/worktree\n");

        ResultCache.DefaultDirectory(Path.Combine(worktree, "thresholds", "gate.json"), variable: null)
            .Should().Be(Path.Combine(worktree, ".robustness-cache"));
    }

    [Fact]
    public void Outside_a_repository_the_default_folder_is_beside_the_thresholds_file()
    {
        var thresholds = Path.Combine(_folder, "plain", "gate.json");

        ResultCache.DefaultDirectory(thresholds, variable: null).Should().Be(Path.Combine(_folder, "plain", ".robustness-cache"));
    }

    [Fact]
    public void The_cache_variable_overrides_the_default_folder_and_a_relative_value_resolves_against_the_current_directory()
    {
        var repository = Path.Combine(_folder, "repo");
        Directory.CreateDirectory(Path.Combine(repository, ".git"));
        var thresholds = Path.Combine(repository, "gate.json");

        ResultCache.DefaultDirectory(thresholds, Path.Combine(_folder, "elsewhere")).Should().Be(Path.Combine(_folder, "elsewhere"));
        ResultCache.DefaultDirectory(thresholds, Path.Combine("ci", "cache"))
            .Should().Be(Path.Combine(Environment.CurrentDirectory, "ci", "cache"));
    }

    [Fact]
    public void The_cache_variable_is_read_from_the_environment()
    {
        var before = Environment.GetEnvironmentVariable(ResultCache.DirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(ResultCache.DirectoryVariable, Path.Combine(_folder, "from-environment"));
            ResultCache.DefaultDirectory(Path.Combine(_folder, "gate.json")).Should().Be(Path.Combine(_folder, "from-environment"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ResultCache.DirectoryVariable, before);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_or_invalid_cache_variable_is_an_error_naming_the_variable_and_the_value(string value)
    {
        FluentActions.Invoking(() => ResultCache.DefaultDirectory(Path.Combine(_folder, "gate.json"), value))
            .Should().Throw<ArgumentException>()
            .WithMessage($"environment variable ROBUSTNESSGATE_CACHE: expected the path of the result cache folder, found '{value}'*");
    }

    [Fact]
    public void A_cache_variable_that_is_no_valid_path_is_an_error_naming_the_variable_and_the_value()
    {
        FluentActions.Invoking(() => ResultCache.DefaultDirectory(Path.Combine(_folder, "gate.json"), "bad\0path"))
            .Should().Throw<ArgumentException>()
            .WithMessage("environment variable ROBUSTNESSGATE_CACHE: expected the path of the result cache folder, found 'bad\0path'*");
    }

    [Fact]
    public void When_the_build_sets_a_cache_folder_the_test_process_sees_it_as_the_cache_variable()
    {
        // RobustnessGateCacheDirectory (build/RobustnessGate.props) as a full path, as this assembly was built with it, handed
        // to the test host as ROBUSTNESSGATE_CACHE through the runsettings file build/RobustnessGate.targets writes.
        var built = typeof(ResultCacheFolderSpecs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RobustnessGateCachePath").Value;
        if (string.IsNullOrEmpty(built))
            return; // not set: the runsettings file names no cache folder, and the caller's environment decides
        Environment.GetEnvironmentVariable(ResultCache.DirectoryVariable).Should().Be(built,
            "the test run must hand the MSBuild property RobustnessGateCacheDirectory to the test process as {0}", ResultCache.DirectoryVariable);
    }
}
