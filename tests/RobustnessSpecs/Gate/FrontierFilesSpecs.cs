using FluentAssertions;
using RobustnessGate.Study;
using RobustnessGate.Study.Frontiers;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Gate;

/// <summary>Frontier files as the gate reads them: what the study writes reads back, and bad files are errors naming file and field.</summary>
public sealed class FrontierFilesSpecs : IDisposable
{
    private readonly string _dir = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text, string name = "cw-untargeted-l2.json")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_written_frontier_reads_back_to_the_same_text_and_members()
    {
        var paths = FrontierFiles.WriteAll(_dir, [GateExamples.Frontier()]);

        paths.Should().Equal(Path.Combine(_dir, "cw-untargeted-l2.json"));
        var read = FrontierFiles.Read(paths[0]);
        read.Frontier.Should().Equal(GateExamples.Frontier().Frontier);
        read.Models.Should().Equal(GateExamples.Frontier().Models);
        (read.Norm, read.Engine, read.Protocol.Seed, read.Protocol.AccuracyCount).Should().Be(("L2", GateExamples.Engine, 1215L, 2000));
        FrontierFiles.Serialize(read).Should().Be(File.ReadAllText(paths[0]), "parameters read back as JSON write out unchanged");
    }

    [Fact]
    public void The_text_has_lf_line_ends_and_camel_case_keys()
    {
        var text = FrontierFiles.Serialize(GateExamples.Frontier());

        text.Should().NotContain("\r").And.EndWith("}\n").And.Contain("\"datasetSha256\": \"bbbb");
    }

    [Fact]
    public void Members_are_the_frontier_as_a_curve()
    {
        var curve = FrontierFiles.ToFrontier(GateExamples.Frontier());

        curve.Members.Select(m => m.Model).Should().Equal("a", "b", "c");
        curve.RobustnessAt(0.97).Should().BeApproximately(1.3, 1e-12, "one interpolation of O(1) numbers is exact to a few ulps");
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var path = Path.Combine(_dir, "nowhere.json");

        var act = () => FrontierFiles.Read(path);

        act.Should().Throw<StudyFormatException>().WithMessage($"{path}: frontier file not found");
    }

    [Fact]
    public void Members_out_of_accuracy_order_are_an_error_naming_the_member()
    {
        var f = GateExamples.Frontier();
        var path = Write(FrontierFiles.Serialize(f with { Frontier = [f.Frontier[0], f.Frontier[2], f.Frontier[1]] }));

        var act = () => FrontierFiles.Read(path);

        act.Should().Throw<StudyFormatException>().WithMessage("*cw-untargeted-l2.json: frontier[2]: members must be sorted by accuracy ascending");
    }

    [Fact]
    public void A_member_with_an_accuracy_outside_0_to_1_is_an_error_naming_it_and_the_values()
    {
        var f = GateExamples.Frontier();
        var path = Write(FrontierFiles.Serialize(f with { Frontier = [f.Frontier[0], f.Frontier[1] with { Accuracy = 95 }] }));

        var act = () => FrontierFiles.Read(path);

        act.Should().Throw<StudyFormatException>().WithMessage("*: frontier[1]: expected accuracy in [0, 1] and a finite distortion >= 0, found 95 and 1.6");
    }

    [Fact]
    public void An_empty_frontier_is_an_error()
    {
        var path = Write(FrontierFiles.Serialize(GateExamples.Frontier() with { Frontier = [] }));

        var act = () => FrontierFiles.Read(path);

        act.Should().Throw<StudyFormatException>().WithMessage("*: frontier: expected at least one member, found none");
    }

    [Fact]
    public void An_unknown_key_is_an_error_naming_it_and_the_known_ones()
    {
        var text = FrontierFiles.Serialize(GateExamples.Frontier()).Replace("\"norm\":", "\"colour\": 1,\n  \"norm\":", StringComparison.Ordinal);
        var path = Write(text);

        var act = () => FrontierFiles.Read(path);

        act.Should().Throw<StudyFormatException>().WithMessage("*cw-untargeted-l2.json: colour: expected one of the keys *protocol*norm*frontier*, found unknown key 'colour'");
    }

    [Fact]
    public void A_later_schema_version_is_refused()
    {
        var path = Write(FrontierFiles.Serialize(GateExamples.Frontier() with { SchemaVersion = 2 }));

        var act = () => FrontierFiles.Read(path);

        act.Should().Throw<StudyFormatException>().WithMessage("*: schemaVersion: expected 1, found 2");
    }

    [Fact]
    public void A_missing_required_key_is_an_error_naming_it()
    {
        var text = FrontierFiles.Serialize(GateExamples.Frontier()).Replace("\"norm\": \"L2\",", "", StringComparison.Ordinal);
        var path = Write(text);

        var act = () => FrontierFiles.Read(path);

        act.Should().Throw<StudyFormatException>().WithMessage("*cw-untargeted-l2.json: *expected the required key(s) norm, found none");
    }
}
