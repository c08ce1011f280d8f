using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FluentAssertions;
using RobustnessGate.Runtime;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Cli;

/// <summary>
/// study --shard k/n and study merge from the command line: the shards record the study's arguments, the merge rebuilds
/// the plan from them alone and writes the unsharded run's study.json; usage errors exit 2, refused shards exit 1.
/// A two-model, one-attack study on 6 images without CLEVER keeps it to seconds.
/// </summary>
public sealed class StudyShardCliSpecs : IDisposable
{
    private static readonly string[] Study = ["study", "--models", "mlp-1,mlp-2", "--count", "6", "--attacks", "ifgsm", "--targets", "untargeted", "--no-clever", "--quiet"];

    private readonly string _root = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string In(string name) => Path.Combine(_root, name);

    [Fact]
    public void Two_shards_merged_from_the_command_line_equal_the_unsharded_study_and_render_the_report()
    {
        CliRunner.Run([.. Study, "--out", In("full")]).Code.Should().Be(0);
        var first = CliRunner.Run([.. Study, "--shard", "1/2", "--out", In("s1")]);
        first.Code.Should().Be(0, first.Err);
        first.Out.Should().Contain("shard 1/2").And.Contain("shard.json");
        CliRunner.Run([.. Study, "--shard", "2/2", "--out", In("s2")]).Code.Should().Be(0);
        File.ReadAllText(Path.Combine(In("s1"), "shard.json")).Should().Contain("\"--models=mlp-1,mlp-2\"").And.NotContain("--out").And.NotContain("--shard");

        var merged = CliRunner.Run("study", "merge", In("s1"), In("s2"), "--out", In("merged"), "--quiet");
        merged.Code.Should().Be(0, merged.Err);
        File.ReadAllBytes(Path.Combine(In("merged"), "study.json")).Should().Equal(File.ReadAllBytes(Path.Combine(In("full"), "study.json")));
        File.Exists(Path.Combine(In("merged"), "report", "report.md")).Should().BeTrue();
    }

    [Fact]
    public void Worker_processes_side_by_side_write_the_study_and_the_shard_of_a_single_process_byte_for_byte()
    {
        var single = CliRunner.Run([.. Study, "--jobs", "1", "--out", In("one")]);
        single.Code.Should().Be(0, single.Err);
        single.Out.Should().NotContain("worker");
        var jobs = CliRunner.Run([.. Study.Where(a => a != "--quiet"), "--jobs", "2", "--out", In("two")]);
        jobs.Code.Should().Be(0, jobs.Err);
        jobs.Out.Should().Contain("in 2 worker processes side by side").And.Contain("worker 1/2: done in").And.Contain("worker 2/2: done in")
            .And.Contain("study: 2 workers done in");
        File.ReadAllBytes(Path.Combine(In("two"), "study.json")).Should().Equal(File.ReadAllBytes(Path.Combine(In("one"), "study.json")));
        Directory.Exists(Path.Combine(In("two"), ".claims")).Should().BeFalse("the workers' claims are removed once they all ended");

        CliRunner.Run([.. Study, "--shard", "2/2", "--jobs", "1", "--out", In("shard-one")]).Code.Should().Be(0);
        var shard = CliRunner.Run([.. Study, "--shard", "2/2", "--jobs", "2", "--out", In("shard-two")]);
        shard.Code.Should().Be(0, shard.Err);
        File.ReadAllBytes(Path.Combine(In("shard-two"), "shard.json")).Should().Equal(File.ReadAllBytes(Path.Combine(In("shard-one"), "shard.json")));
    }

    [Fact]
    public void A_worker_that_fails_stops_the_study_with_the_workers_error_output()
    {
        var garbage = In("garbage.pt");
        File.WriteAllText(garbage, "this is not a model at all");
        var run = CliRunner.Run("study", "--models", $"mlp-1,{garbage}", "--count", "4", "--attacks", "ifgsm", "--targets", "untargeted",
            "--no-clever", "--no-transfer", "--jobs", "2", "--out", In("bad-model"), "--quiet");
        run.Code.Should().Be(1, run.Out);
        run.Err.Should().Contain("study: worker 1/2 failed with exit code 1; its error output:").And.Contain("garbage.pt")
            .And.Contain("study: finished cells are kept in");
        File.Exists(Path.Combine(In("bad-model"), "study.json")).Should().BeFalse();
    }

    [Fact]
    public void Workers_stop_when_the_process_that_started_them_is_killed_outright()
    {
        // Paper-budget C&W on 100 LeNet digits, untargeted and least-likely: one unit per worker of well over a minute
        // (about 90 s alone on 2 cores), so a worker still running 60 s after the kill has not noticed it.
        var start = new ProcessStartInfo(DotnetHost.Find()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["exec", typeof(RobustnessGate.Cli.Cli).Assembly.Location, "study", "--budget", "paper", "--models", "lenet",
            "--attacks", "cw", "--targets", "untargeted,least-likely", "--no-clever", "--no-transfer", "--jobs", "2", "--out", In("orphans")])
            start.ArgumentList.Add(a);
        using var parent = Process.Start(start)!;
        var workers = new List<Process>();
        try
        {
            while (workers.Count < 2 && parent.StandardOutput.ReadLine() is { } line)
            {
                if (Regex.Match(line, @"^study: worker \d/2 is process (\d+)$") is { Success: true } m)
                    workers.Add(Process.GetProcessById(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
            }
            workers.Should().HaveCount(2, "the study prints each worker's process id as it starts it");
            parent.Kill(entireProcessTree: false);
            parent.WaitForExit();
            foreach (var w in workers)
                w.WaitForExit(TimeSpan.FromSeconds(60)).Should().BeTrue("a worker stops after its running step once its starting process is gone");
            var cells = Path.Combine(In("orphans"), "cells");
            (Directory.Exists(cells) ? Directory.GetFiles(cells, "cw-*.json", SearchOption.AllDirectories) : []).Should().BeEmpty("no cell had time to finish");
        }
        finally
        {
            foreach (var w in workers)
            {
                if (!w.HasExited)
                    w.Kill(entireProcessTree: true);
                w.Dispose();
            }
        }
    }

    [Theory]
    [InlineData("--jobs", "0", "option --jobs: '0' is not a whole number >= 1")]
    [InlineData("--jobs", "65", "option --jobs: expected a whole number from 1 to 64, found 65")]
    [InlineData("--worker", "3/2", "option --worker: expected k/n with 1 <= k <= n (e.g. 2/3), found '3/2'")]
    public void Bad_job_and_worker_numbers_are_usage_errors(string option, string value, string message)
    {
        var bad = CliRunner.Run([.. Study, option, value, "--out", In("bad")]);
        bad.Code.Should().Be(2);
        bad.Err.Should().Contain(message);
    }

    [Fact]
    public void A_bad_shard_number_is_a_usage_error_and_shards_of_different_arguments_are_refused()
    {
        var bad = CliRunner.Run([.. Study, "--shard", "3/2"]);
        bad.Code.Should().Be(2);
        bad.Err.Should().Contain("option --shard: expected k/n with 1 <= k <= n (e.g. 2/3), found '3/2'");

        CliRunner.Run([.. Study, "--shard", "1/2", "--out", In("a1")]).Code.Should().Be(0);
        CliRunner.Run([.. Study, "--seed", "7", "--shard", "2/2", "--out", In("b2")]).Code.Should().Be(0);
        var mixed = CliRunner.Run("study", "merge", In("a1"), In("b2"), "--out", In("mixed"));
        mixed.Code.Should().Be(1);
        mixed.Err.Should().Contain($"{Path.Combine(In("b2"), "shard.json")}: arguments: expected [").And.Contain("--seed=7").And.Contain("another study");

        var none = CliRunner.Run("study", "merge", "--out", In("nothing"));
        none.Code.Should().Be(2);
        none.Err.Should().Contain("expected the folders of every shard");
    }
}
