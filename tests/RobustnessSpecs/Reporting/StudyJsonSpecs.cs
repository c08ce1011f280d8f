using FluentAssertions;
using RobustnessGate.Evaluation;
using RobustnessGate.Study;
using RobustnessSpecs.Study;
using Xunit;

namespace RobustnessSpecs.Reporting;

public class StudyJsonSpecs
{
    [Fact]
    public void A_study_survives_a_round_trip_unchanged()
    {
        var text = StudyJson.Serialize(FakeStudy.Create());

        var back = StudyJson.Deserialize(text, "study.json");

        StudyJson.Serialize(back).Should().Be(text);
        back.Models.Should().HaveCount(8);
        back.Transfer.Should().HaveCount(56);
    }

    [Fact]
    public void The_file_is_camel_case_and_carries_its_schema_version()
    {
        var text = StudyJson.Serialize(FakeStudy.Create(withTransfer: false));

        text.Should().Contain("\"schemaVersion\": 2").And.Contain("\"testAccuracy\": 0.984").And.Contain("\"linf\": {");
        text.Should().Contain("\"transfer\": null");
        text.Should().NotContain("topOneError");
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed()
    {
        var text = StudyJson.Serialize(FakeStudy.Create()).Replace("\"schemaVersion\": 2,", "// made by hand\n  \"schemaVersion\": 2,", StringComparison.Ordinal);
        text = text.TrimEnd().TrimEnd('}') + ",}";

        StudyJson.Deserialize(text, "study.json").Models.Should().HaveCount(8);
    }

    [Fact]
    public void An_unknown_key_is_an_error_naming_the_file_and_the_field()
    {
        var text = StudyJson.Serialize(FakeStudy.Create()).Replace("\"family\": \"VGG\",", "\"family\": \"VGG\", \"colour\": 1,", StringComparison.Ordinal);

        FluentActions.Invoking(() => StudyJson.Deserialize(text, "zoo/study.json"))
            .Should().Throw<StudyFormatException>().WithMessage(
                "zoo/study.json: models[0].colour: expected one of the keys name, family, parameters, testAccuracy, series, depth, width, found unknown key 'colour'");
    }

    [Fact]
    public void An_accuracy_out_of_range_names_the_field_and_the_expected_range()
    {
        var text = StudyJson.Serialize(FakeStudy.Create()).Replace("\"testAccuracy\": 0.986", "\"testAccuracy\": 98.6", StringComparison.Ordinal);

        FluentActions.Invoking(() => StudyJson.Deserialize(text, "study.json"))
            .Should().Throw<StudyFormatException>().WithMessage("study.json: models[1].testAccuracy: expected a number in [0, 1], found 98.6");
    }

    [Fact]
    public void Another_schema_version_is_rejected()
    {
        var text = StudyJson.Serialize(FakeStudy.Create()).Replace("\"schemaVersion\": 2", "\"schemaVersion\": 3", StringComparison.Ordinal);

        FluentActions.Invoking(() => StudyJson.Deserialize(text, "study.json"))
            .Should().Throw<StudyFormatException>().WithMessage("study.json: schemaVersion: expected 2, found 3");
    }

    [Fact]
    public void A_version_1_study_is_rejected_with_what_to_do()
    {
        var text = StudyJson.Serialize(FakeStudy.Create()).Replace("\"schemaVersion\": 2", "\"schemaVersion\": 1", StringComparison.Ordinal);

        FluentActions.Invoking(() => StudyJson.Deserialize(text, "study.json"))
            .Should().Throw<StudyFormatException>().WithMessage("study.json: schemaVersion: expected 2 (version 1 files predate the transfer matrices and CLEVER cells; run the study again to write version 2), found 1");
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        FluentActions.Invoking(() => StudyJson.Deserialize("{ \"schemaVersion\": 2 }", "study.json"))
            .Should().Throw<StudyFormatException>().WithMessage("study.json: (document): expected the required key(s) description, dataset, engine, models, cells, found none");
    }

    [Fact]
    public void A_missing_accuracy_is_an_error_and_not_a_silent_zero()
    {
        var text = StudyJson.Serialize(FakeStudy.Create()).Replace("\"testAccuracy\": 0.986,", "", StringComparison.Ordinal);

        FluentActions.Invoking(() => StudyJson.Deserialize(text, "study.json"))
            .Should().Throw<StudyFormatException>().WithMessage("study.json: models[1]*: expected the required key(s) testAccuracy, found none");
    }

    [Theory]
    [InlineData("\"testAccuracy\": 0.986", "\"testAccuracy\": \"high\"", "models[1].testAccuracy: expected a number, found a value of another kind")]
    [InlineData("\"attacked\": 492", "\"attacked\": 492.5", "cells[0].attacked: expected a whole number, found a value of another kind")]
    [InlineData("\"models\": [", "\"models\": 3, \"x\": [", "models: expected a list [...], found a value of another kind")]
    public void A_value_of_the_wrong_kind_names_the_kind_expected(string from, string to, string expected)
    {
        var text = StudyJson.Serialize(FakeStudy.Create());
        var at = text.IndexOf(from, StringComparison.Ordinal);
        text = text[..at] + to + text[(at + from.Length)..];

        FluentActions.Invoking(() => StudyJson.Deserialize(text, "study.json"))
            .Should().Throw<StudyFormatException>().WithMessage("study.json: " + expected);
    }

    [Fact]
    public void A_cell_of_an_unknown_model_is_rejected()
    {
        var study = FakeStudy.Create();
        study = study with { Cells = [.. study.Cells, new StudyCell("ghost", "cw", "untargeted", 1, 0, DistortionStatistics.None)] };

        FluentActions.Invoking(() => StudyJson.Serialize(study))
            .Should().Throw<StudyFormatException>().WithMessage("study: cells[24].model: expected the name of a model in 'models', found 'ghost'");
    }

    [Fact]
    public void More_successes_than_attacks_are_rejected()
    {
        var study = FakeStudy.Create();
        study = study with { Cells = [study.Cells[0] with { Succeeded = study.Cells[0].Attacked + 1 }] };

        FluentActions.Invoking(() => StudyJson.Serialize(study))
            .Should().Throw<StudyFormatException>().WithMessage("study: cells[0].succeeded: expected a count in [0, attacked = 492], found 493");
    }

    [Fact]
    public void A_gallery_image_whose_pixels_do_not_fill_its_shape_is_rejected()
    {
        var study = FakeStudy.Create();
        study = study with { Gallery = [study.Gallery[0] with { Shape = [1, 28, 28] }] };

        FluentActions.Invoking(() => StudyJson.Serialize(study))
            .Should().Throw<StudyFormatException>().WithMessage("study: gallery[0].clean: expected 784 pixels (C * H * W), found 16 values");
    }

    [Fact]
    public void A_missing_file_reports_its_path()
    {
        FluentActions.Invoking(() => StudyJson.Read("no-such-dir/study.json")).Should().Throw<IOException>().WithMessage("*no-such-dir*");
    }
}
