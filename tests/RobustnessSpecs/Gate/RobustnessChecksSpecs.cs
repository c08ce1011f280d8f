using System.Reflection;
using FluentAssertions;
using RobustnessGate.Data;
using RobustnessGate.Xunit;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Gate;

/// <summary>
/// RobustnessGate.Xunit's data attribute and its helpers: one case per check with readable names, fail-closed errors for a
/// missing file, an empty file or a wrong method, the approval switch, and the zoo's missing-package message. The cases
/// themselves run in GateSpecs and in the sample consumer (samples/ShapesGate).
/// </summary>
public sealed class RobustnessChecksSpecs : IDisposable
{
    private readonly string _dir = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MethodInfo Method(string name) => typeof(RobustnessChecksSpecs).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

#pragma warning disable IDE0060, IDE0051 // signatures for GetData only
    private static void TakesACase(RobustnessCase check) { }

    private static void TakesAString(string check) { }
#pragma warning restore IDE0060, IDE0051

    private string Write(string json)
    {
        var path = Path.Combine(_dir, "gate.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void The_repository_thresholds_become_one_case_per_check_named_model_attack_target()
    {
        var path = Path.Combine(Paths.Thresholds, "gate.json");
        var cases = new RobustnessChecksAttribute(path).GetData(Method(nameof(TakesACase))).Select(r => (RobustnessCase)r.Single()).ToList();

        cases.Select(c => c.CheckId).Should().Equal(RobustnessGate.Gate.ThresholdFile.Load(path).Checks.Select(c => c.Id));
        cases.Should().Contain(c => c.DisplayName == "lenet / cw / untargeted" && c.Model == "lenet" && c.Attack == "cw" && c.Target == "untargeted");
        cases.Select(c => c.DisplayName).Should().OnlyHaveUniqueItems();
        cases.Should().OnlyContain(c => c.ThresholdsPath == Path.GetFullPath(path) && c.ToString() == c.DisplayName);
    }

    [Fact]
    public void Two_checks_of_the_same_model_attack_and_target_are_told_apart_by_their_ids()
    {
        var path = Write("""
            { "schemaVersion": 2, "checks": [
              { "id": "fast", "model": "lenet", "attack": "pgd", "metrics": { "meanL2": {} } },
              { "id": "strong", "model": "lenet", "attack": "pgd", "preset": "strong", "metrics": { "meanL2": {} } } ] }
            """);

        new RobustnessChecksAttribute(path).GetData(Method(nameof(TakesACase))).Select(r => ((RobustnessCase)r.Single()).DisplayName)
            .Should().Equal("lenet / pgd / untargeted (fast)", "lenet / pgd / untargeted (strong)");
    }

    [Fact]
    public void A_missing_file_fails_naming_every_place_tried()
    {
        var act = () => new RobustnessChecksAttribute("no-such/gate.json").GetData(Method(nameof(TakesACase))).ToList();

        act.Should().Throw<FileNotFoundException>().WithMessage("thresholds file 'no-such/gate.json' not found; tried *RobustnessThresholds Include=\"no-such/gate.json\"*")
            .Which.Message.Should().Contain(Path.Combine(AppContext.BaseDirectory, "no-such", "gate.json"));
    }

    [Fact]
    public void A_file_without_checks_passes_nothing()
    {
        var path = Write("""{ "schemaVersion": 2, "checks": [] }""");

        var act = () => new RobustnessChecksAttribute(path).GetData(Method(nameof(TakesACase))).ToList();

        act.Should().Throw<Exception>().WithMessage($"{path}*checks*");
    }

    [Fact]
    public void A_method_that_does_not_take_one_case_is_refused()
    {
        var act = () => new RobustnessChecksAttribute(Path.Combine(Paths.Thresholds, "gate.json")).GetData(Method(nameof(TakesAString))).ToList();

        act.Should().Throw<ArgumentException>().WithMessage("*expected exactly one parameter of type RobustnessCase, found (String check)");
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("all", true)]
    [InlineData("other, lenet-cw-untargeted", true)]
    [InlineData("lenet-cw", false)]
    public void Approval_is_asked_for_all_checks_or_by_id(string? setting, bool asked) =>
        GateRuns.Asked("lenet-cw-untargeted", setting).Should().Be(asked);

    [Fact]
    public void A_missing_built_in_file_names_the_zoo_package()
    {
        var act = () => BuiltInFiles.Find("no-such-zoo-folder", "manifest.json");

        act.Should().Throw<FileNotFoundException>().WithMessage("*NuGet package RobustnessGate.Zoo; add <PackageReference Include=\"RobustnessGate.Zoo\" />*");
    }
}
