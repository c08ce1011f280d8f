using System.Text.Json;
using FluentAssertions;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Cli;

public sealed class BenchCommandTests : IDisposable
{
    private readonly string _dir = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Bench_prints_a_ratio_per_attack_and_writes_json()
    {
        // A smoke run (tiny batch, few iterations): it checks the table and the JSON, never the speed.
        var json = Path.Combine(_dir, "bench.json");
        var (code, output, _) = Run("bench", "--attacks", "pgd,ead,ead-score-10", "--count", "8", "--iterations", "3", "--rounds", "1", "--out", json);
        code.Should().Be(0);
        output.Should().Contain("OpenMP wait policy").And.Contain("ead-score-10");
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var rows = doc.RootElement.GetProperty("perIteration").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("attack").GetString()).Should().Equal("pgd", "ead", "ead-score-10");
        foreach (var r in rows)
        {
            r.GetProperty("batchSize").GetInt32().Should().Be(8);
            r.GetProperty("ratioToFloor").GetDouble().Should().BePositive();
            r.GetProperty("floorMillisecondsPerIteration").GetDouble().Should().BePositive();
        }
        doc.RootElement.GetProperty("waitPolicy").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Bench_clever_reports_gradients_per_second_against_the_floor()
    {
        // A smoke run: 2 batches of 16 points, one round. Gradients per class: targeted 1, untargeted the 9 other digits.
        var json = Path.Combine(_dir, "bench.json");
        var (code, output, _) = Run("bench", "--attacks", "pgd", "--clever", "--count", "16", "--iterations", "2", "--rounds", "1", "--out", json);
        code.Should().Be(0);
        output.Should().Contain("clever-untargeted").And.Contain("floor grads/s");
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var rows = doc.RootElement.GetProperty("clever").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("mode").GetString()).Should().Equal("clever-targeted", "clever-untargeted");
        rows.Select(r => r.GetProperty("classes").GetInt32()).Should().Equal(1, 9);
        rows.Should().OnlyContain(r => r.GetProperty("gradientsPerSecond").GetDouble() > 0 && r.GetProperty("ratioToFloor").GetDouble() > 0);
    }

    [Fact]
    public void Bench_names_the_attacks_it_can_time()
    {
        var (code, _, err) = Run("bench", "--attacks", "fgsm", "--count", "8", "--iterations", "3", "--rounds", "1");
        code.Should().NotBe(0);
        err.Should().Contain("fgsm").And.Contain("ead-score-10");
    }

    [Fact]
    public void Ead_reports_the_passes_each_example_cost()
    {
        // With --abort-early false every attacked example takes exactly 40 gradient passes in each of the 2 binary steps; a
        // scoring pass follows a gradient pass only where the new distance can beat the step's best, so 1..80 of them.
        var (code, _, _) = Run("evaluate", "--attack", "ead", "--binary-steps", "2", "--iterations", "40", "--abort-early", "false",
            "--count", "6", "--out", _dir, "--quiet");
        code.Should().Be(0);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "result.json")));
        foreach (var e in doc.RootElement.GetProperty("examples").EnumerateArray().Where(e => e.GetProperty("cleanPrediction").GetInt64() == e.GetProperty("label").GetInt64()))
        {
            var extra = e.GetProperty("extra");
            extra.GetProperty("gradient-passes").GetDouble().Should().Be(80);
            extra.GetProperty("scoring-passes").GetDouble().Should().BeInRange(1, 80);
        }
    }
}
