using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Gate;
using RobustnessGate.Study.Running;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Gate;

/// <summary>
/// Threshold files, schema version 2 (version 1: ThresholdFileVersion1Specs). Nothing here loads a model or a data set: the file only
/// checks that model and data files exist, so empty or tiny files stand in for them.
/// </summary>
public sealed class ThresholdFileSpecs : IDisposable
{
    private const string HoldL2 = "\"meanL2\": { \"break\": 1.0 }";

    private readonly string _dir = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json, string name = "gate.json") => ThresholdFiles.Write(_dir, json, name);

    /// <summary>A version 2 file with one check 'c1' of lenet under PGD holding <paramref name="metrics"/>, plus <paramref name="fields"/>.</summary>
    private static string V2(string fields = "", string metrics = HoldL2, string attack = "pgd") =>
        $$"""{ "schemaVersion": 2, "checks": [ { "id": "c1", "model": "lenet", "attack": "{{attack}}", {{fields}} "metrics": { {{metrics}} } } ] }""";

    private GateCheck Single(string json) => ThresholdFile.Load(Write(json)).Checks.Single();

    private Action Loading(string json) => () => ThresholdFile.Load(Write(json));

    [Fact]
    public void A_valid_file_with_comments_and_trailing_commas_is_read_in_full()
    {
        var path = Write("""
            // The gate of the example model.
            {
              "$schema": "./gate.schema.json",
              "schemaVersion": 2,
              /* one check */
              "checks": [
                {
                  "id": "lenet-pgd-l2",
                  "description": "PGD L2 on lenet",
                  "model": "lenet",
                  "attack": "pgd",
                  "options": { "epsilon": 1.5, "steps": 20, "stepSize": 0.15, "norm": "l2", },
                  "target": "top2",
                  "metrics": {
                    "successRate": { "high": 0.3, "low": 0.4, "break": 0.5, },
                    "meanL2": { "low": 1.2, "break": 1.0, "maxRegression": { "relative": 0.05 }, },
                  },
                  "frontier": { "file": "../frontiers/pgd-top2-l2.json", "tolerance": 0.2, },
                },
              ],
            }
            """);

        var file = ThresholdFile.Load(path);

        file.Path.Should().Be(path);
        file.Directory.Should().Be(_dir);
        var check = file.Checks.Single();
        (check.Id, check.Description, check.Target, check.DisplayName).Should().Be(("lenet-pgd-l2", "PGD L2 on lenet", TargetMode.Top2, "lenet / pgd / top2"));
        check.Model.Should().Be(new ModelSource("lenet", null));
        check.Attack.Preset.Should().Be("strong");
        check.Attack.Parameters.Should().Contain(new Dictionary<string, object> { ["epsilon"] = 1.5, ["steps"] = 20, ["stepSize"] = 0.15, ["norm"] = "l2" });
        check.Metrics.Select(m => (m.Metric.Name, m.Bands)).Should().Equal(
            ("successRate", new MetricBands(0.3, 0.4, 0.5)), ("meanL2", new MetricBands(null, 1.2, 1.0)));
        check.Metrics[0].Tolerance.Should().Be(RegressionTolerance.Default);
        check.Metrics[1].Tolerance.Should().Be(new RegressionTolerance(0, 0.05, 2), "only the relative part is overridden");
        check.Frontier.Should().Be(new FrontierThreshold(Path.GetFullPath(Path.Combine(_dir, "..", "frontiers", "pgd-top2-l2.json")), 0.2));
    }

    [Fact]
    public void A_check_without_defaults_attacks_the_first_100_test_images_untargeted_with_seed_1215_and_the_strong_preset()
    {
        var check = Single(V2());

        check.Data.Should().Be(new DataSource(BuiltInData.TestName, null, null));
        (check.Count, check.Seed, check.Target).Should().Be((100, 1215L, TargetMode.Untargeted));
        check.Tolerance.Should().Be(RegressionTolerance.Default);
        check.Attack.Key.Should().Be(RobustnessGate.Attacks.Pgd.PgdAttack.Definition.Configure(AttackPreset.Strong).Key);
        check.Frontier.Should().BeNull();
        check.Description.Should().BeNull();
    }

    [Fact]
    public void Defaults_apply_to_every_check_that_does_not_override_them()
    {
        var check2 = """{ "id": "c2", "model": "lenet", "attack": "pgd", "dataset": "mnist-test", "count": 20, "seed": 1, "maxRegression": { "absolute": 0.01 },""" +
            """ "metrics": { "meanL2": { "break": 1.0, "maxRegression": { "standardErrors": 1 } }, "successRate": { "break": 0.9 } } }""";
        var file = ThresholdFile.Load(Write($$"""
            { "schemaVersion": 2,
              "defaults": { "dataset": "mnist-train", "count": 50, "seed": 7, "maxRegression": { "relative": 0.05, "standardErrors": 3 } },
              "checks": [ { "id": "c1", "model": "lenet", "attack": "pgd", "metrics": { {{HoldL2}} } }, {{check2}} ] }
            """));

        var (c1, c2) = (file.Checks[0], file.Checks[1]);
        (c1.Data.BuiltIn, c1.Count, c1.Seed).Should().Be((BuiltInData.TrainName, 50, 7L));
        c1.Tolerance.Should().Be(new RegressionTolerance(0, 0.05, 3));
        (c2.Data.BuiltIn, c2.Count, c2.Seed).Should().Be((BuiltInData.TestName, 20, 1L));
        c2.Tolerance.Should().Be(new RegressionTolerance(0.01, 0.05, 3), "a check's maxRegression starts from the defaults");
        c2.ToleranceOf(GateMetrics.Get("meanL2")).Should().Be(new RegressionTolerance(0.01, 0.05, 1), "a metric's starts from its check's");
        c2.ToleranceOf(GateMetrics.Get("successRate")).Should().Be(c2.Tolerance);
        c2.ToleranceOf(GateMetrics.Get("meanLinf")).Should().Be(c2.Tolerance, "metrics the check does not hold are tracked with its tolerance");
    }

    [Fact]
    public void The_quick_budget_gives_the_quick_study_settings_of_the_attack()
    {
        var check = Single(V2("\"budget\": \"quick\",", attack: "cw"));

        var quick = StudyBudgets.Attacks(StudyBudget.Quick).Single(a => a.Name == "cw");
        check.Attack.Key.Should().Be(quick.Key);
        check.Attack.Parameters.Should().Contain(new Dictionary<string, object> { ["binarySteps"] = 4, ["iterations"] = 60, ["learningRate"] = 0.1, ["candidates"] = 0 });
    }

    [Fact]
    public void Options_override_the_budget_they_start_from()
    {
        var check = Single(V2("\"budget\": \"quick\", \"preset\": \"strong\", \"options\": { \"iterations\": 30 },", attack: "cw"));

        check.Attack.Parameters.Should().Contain(new Dictionary<string, object> { ["binarySteps"] = 4, ["iterations"] = 30, ["learningRate"] = 0.1 });
        check.Attack.Preset.Should().Be("strong");
    }

    [Fact]
    public void Options_override_the_preset_they_start_from()
    {
        var check = Single(V2("\"preset\": \"paper\", \"options\": { \"iterations\": 30 },", attack: "cw"));

        var paper = RobustnessGate.Attacks.CarliniWagner.CwAttack.Definition.Configure(AttackPreset.Paper);
        check.Attack.Parameters["iterations"].Should().Be(30);
        check.Attack.Parameters.Where(p => p.Key != "iterations").Should().Equal(paper.Parameters.Where(p => p.Key != "iterations"));
    }

    [Fact]
    public void A_relative_model_path_resolves_against_the_file_folder()
    {
        var model = Write("", Path.Combine("models", "own.pt"));
        var path = Write(V2("\"normalization\": { \"mean\": [0.1307], \"std\": [0.3081] },").Replace("\"lenet\"", "\"../models/own.pt\"", StringComparison.Ordinal),
            Path.Combine("thresholds", "gate.json"));

        var check = ThresholdFile.Load(path).Checks.Single();

        check.Model.Spec.Should().Be(model);
        check.Model.DisplayName.Should().Be("own.pt");
        check.Model.Normalization!.Mean.Should().Equal(0.1307f);
        check.Model.Normalization.Std.Should().Equal(0.3081f);
        check.Model.Key.Should().Be($"{model}|0.1307|0.3081");
    }

    [Fact]
    public void A_model_that_is_neither_built_in_nor_a_file_is_an_error_naming_the_path_it_looked_at()
    {
        Loading(V2().Replace("\"lenet\"", "\"models/missing.pt\"", StringComparison.Ordinal)).Should().Throw<ThresholdFileException>().WithMessage(
            $"*gate.json: check 'c1': field 'model': expected a built-in model (*lenet*) or a TorchScript file, found no file {Path.Combine(_dir, "models", "missing.pt")}");
    }

    [Fact]
    public void A_data_set_given_as_files_resolves_them_against_the_file_folder()
    {
        var images = Path.Combine(_dir, "data", "images.npy");
        var labels = Path.Combine(_dir, "data", "labels.npy");
        Directory.CreateDirectory(Path.GetDirectoryName(images)!);
        NpyFiles.Write(images, "<f4", [1, 1, 2, 2], NpyFiles.Floats(0, 0.25f, 0.5f, 1));
        NpyFiles.Write(labels, "<i8", [1], NpyFiles.Longs(3));
        var path = Write(V2("\"dataset\": { \"images\": \"../data/images.npy\", \"labels\": \"../data/labels.npy\" },"), Path.Combine("thresholds", "gate.json"));

        var check = ThresholdFile.Load(path).Checks.Single();

        check.Data.Should().Be(new DataSource(null, images, labels));
        check.Data.Key.Should().Be($"{images}|{labels}");
    }

    [Theory]
    [InlineData("\"dataset\": { \"images\": \"nowhere.npy\", \"labels\": \"labels.npy\" },", "field 'dataset.images': file *nowhere.npy not found")]
    [InlineData("\"dataset\": { \"images\": \"gate.json\" },", "field 'dataset.labels' is required")]
    [InlineData("\"dataset\": { \"images\": \"gate.json\", \"labels\": \"gate.json\", \"format\": \"npy\" },", "dataset: unknown field 'format'; expected one of images, labels, folder, size, channels")]
    [InlineData("\"dataset\": \"cifar-10\",", "field 'dataset': expected mnist-test, mnist-train, {\"images\": ..., \"labels\": ...} or {\"folder\": ...}, found 'cifar-10'")]
    [InlineData("\"dataset\": 3,", "field 'dataset': expected a built-in name, {\"images\": ..., \"labels\": ...} or {\"folder\": ..., \"size\": ..., \"channels\": ...}, found Number")]
    public void A_bad_data_set_is_an_error_naming_the_check_and_the_field(string fields, string message)
    {
        Loading(V2(fields)).Should().Throw<ThresholdFileException>().WithMessage("*gate.json: check 'c1'*" + message);
    }

    [Fact]
    public void A_check_accepts_sanity_warnings_by_code_each_with_its_reason()
    {
        var check = Single(V2("\"acceptSanity\": { \"zero-gradients\": \"a quantised model\", \"noise-beats-attack\": \"same cause\" },"));

        check.AcceptSanity.Should().Equal(new Dictionary<string, string> { ["zero-gradients"] = "a quantised model", ["noise-beats-attack"] = "same cause" });
        Single(V2()).AcceptSanity.Should().BeEmpty();
    }

    [Theory]
    [InlineData("\"acceptSanity\": [\"zero-gradients\"],", "field 'acceptSanity': expected an object of sanity codes and reasons such as {\"zero-gradients\": \"why this is expected\"}, found Array")]
    [InlineData("\"acceptSanity\": { \"zero-gradient\": \"x\" },", "field 'acceptSanity.zero-gradient': expected a sanity warning code, one of nondeterministic-forward, zero-gradients, unbounded-not-total, noise-beats-attack, success-not-monotone, found 'zero-gradient'")]
    [InlineData("\"acceptSanity\": { \"non-finite-logits\": \"x\" },", "field 'acceptSanity.non-finite-logits': expected a sanity warning code*found 'non-finite-logits' (an error, which refuses the evaluation, cannot be accepted)")]
    [InlineData("\"acceptSanity\": { \"zero-gradients\": \" \" },", "field 'acceptSanity.zero-gradients': expected a non-empty reason why the warning is expected, found \" \"")]
    [InlineData("\"acceptSanity\": { \"zero-gradients\": true },", "field 'acceptSanity.zero-gradients': expected a non-empty reason why the warning is expected, found true")]
    public void A_bad_acceptSanity_is_an_error_naming_the_check_the_field_the_expected_and_the_found_value(string fields, string message)
    {
        Loading(V2(fields)).Should().Throw<ThresholdFileException>().WithMessage("*gate.json: check 'c1'*" + message);
    }

    [Theory]
    [InlineData("\"normalization\": [0.5],", "field 'normalization': expected {\"mean\": [...], \"std\": [...]}, found Array")]
    [InlineData("\"normalization\": { \"mean\": [0.5] },", "field 'normalization.std': expected an array of numbers")]
    [InlineData("\"normalization\": { \"mean\": [0.5, 0.5], \"std\": [0.5] },", "field 'normalization': expected as many std values as mean values, found 2 mean and 1 std")]
    [InlineData("\"normalization\": { \"mean\": [0.5], \"std\": [0] },", "field 'normalization.std': expected positive values, found [0]")]
    [InlineData("\"normalization\": { \"mean\": [\"a\"], \"std\": [1] },", "field 'normalization.mean': expected an array of numbers")]
    [InlineData("\"normalization\": { \"mean\": [0.5], \"std\": [1], \"scale\": 2 },", "normalization: unknown field 'scale'; expected one of mean, std")]
    public void A_bad_normalization_is_an_error_naming_the_check_and_the_field(string fields, string message)
    {
        Loading(V2(fields)).Should().Throw<ThresholdFileException>().WithMessage("*gate.json: check 'c1'*" + message);
    }

    [Fact]
    public void An_unknown_top_level_key_is_an_error_listing_the_known_ones()
    {
        Loading("{ \"schemaVersion\": 2, \"colour\": 1, \"checks\": [] }").Should().Throw<ThresholdFileException>().WithMessage(
            "*gate.json: the top level: unknown field 'colour'; expected one of $schema, schemaVersion, defaults, checks");
    }

    [Theory]
    // Keys.
    [InlineData("\"colour\": 1,", HoldL2, "check 'c1': unknown field 'colour'; expected one of id, description, model, *, frontier")]
    [InlineData("", "\"speed\": { \"break\": 1 }", "check 'c1': unknown metric 'metrics.speed'; expected one of cleanAccuracy, successRate, *")]
    [InlineData("", "\"meanL2\": { \"min\": 1 }", "check 'c1', metrics.meanL2: unknown field 'min'; expected one of high, low, break, maxRegression")]
    [InlineData("", "", "check 'c1': field 'metrics' is empty; hold at least one metric")]
    // Bands: order by direction, rates as fractions.
    [InlineData("", "\"meanL2\": { \"low\": 1.0, \"break\": 1.2 }",
        "check 'c1': metrics.meanL2: break must be <= low for a metric where higher is better. Current break: 1.2, low: 1")]
    [InlineData("", "\"successRate\": { \"high\": 0.5, \"low\": 0.3 }",
        "check 'c1': metrics.successRate: low must be >= high for a metric where lower is better. Current low: 0.3, high: 0.5")]
    [InlineData("", "\"cleanAccuracy\": { \"break\": 95 }",
        "check 'c1': field 'metrics.cleanAccuracy.break': cleanAccuracy is a fraction in [0, 1] (0.95 = 95 %), found 95")]
    [InlineData("", "\"successRate\": { \"high\": -0.1 }",
        "check 'c1': field 'metrics.successRate.high': successRate is a fraction in [0, 1] (0.95 = 95 %), found -0.1")]
    [InlineData("", "\"meanL2\": { \"break\": -1 }", "check 'c1': field 'metrics.meanL2.break': expected a distortion >= 0, found -1")]
    [InlineData("", "\"meanL2\": { \"break\": \"1.0\" }", "check 'c1': field 'metrics.meanL2.break': expected a number, found \"1.0\"")]
    // Tolerances.
    [InlineData("\"maxRegression\": { \"relative\": 5 },", HoldL2,
        "check 'c1': field 'maxRegression.relative': expected a number from 0 to 1 (a fraction of the baseline: 0.05 = 5 %), found 5")]
    [InlineData("", "\"meanL2\": { \"maxRegression\": { \"standardErrors\": -2 } }",
        "check 'c1': field 'metrics.meanL2.maxRegression.standardErrors': expected a number from 0 to 100, found -2")]
    [InlineData("\"maxRegression\": { \"sigma\": 2 },", HoldL2,
        "check 'c1', maxRegression: unknown field 'sigma'; expected one of absolute, relative, standardErrors")]
    [InlineData("\"frontier\": { \"file\": \"f.json\", \"tolerance\": 1.5 },", HoldL2,
        "check 'c1': field 'frontier.tolerance': expected the largest relative gap behind the frontier as a fraction in [0, 1) (0.1 = 10 %), found 1.5")]
    [InlineData("\"frontier\": { \"tolerance\": 0.1 },", HoldL2, "check 'c1': field 'frontier.file' is required")]
    // The attack.
    [InlineData("\"options\": { \"epsilon\": 0.1, \"iterations\": 5 },", HoldL2,
        "check 'c1': field 'options.iterations': unknown option of attack 'pgd'; expected one of epsilon, steps, stepSize, randomStart, norm, loss")]
    [InlineData("\"options\": { \"epsilon\": -1 },", HoldL2, "check 'c1': field 'options.epsilon': expected a number >= 0, <= 1000000, found -1")]
    [InlineData("\"options\": { \"norm\": \"l3\" },", HoldL2, "check 'c1': field 'options.norm': expected one of linf, l2, found 'l3'")]
    [InlineData("\"options\": { \"steps\": 2.5 },", HoldL2, "check 'c1': field 'options.steps': expected a whole number*found 2.5")]
    [InlineData("\"options\": [1],", HoldL2, "check 'c1': field 'options': expected an object of options of attack 'pgd', found Array")]
    [InlineData("\"preset\": \"weak\",", HoldL2, "check 'c1': field 'preset': expected one of strong, paper, found 'weak'")]
    [InlineData("\"preset\": \"paper\",", HoldL2, "check 'c1': field 'preset': has no preset 'paper'; its presets are strong")]
    [InlineData("\"budget\": \"slow\",", HoldL2, "check 'c1': field 'budget': expected one of quick, paper, found 'slow'")]
    [InlineData("\"budget\": \"quick\",", HoldL2, "check 'c1': field 'budget': the quick budget has no attack 'pgd'; it has fgsm-sweep, ifgsm, cw, ead")]
    // Target, count, seed.
    [InlineData("\"target\": \"sideways\",", HoldL2, "check 'c1': field 'target': expected one of untargeted, random, least-likely, top2, found 'sideways'")]
    [InlineData("\"count\": 0,", HoldL2, "check 'c1': field 'count': expected a whole number >= 1, found 0")]
    [InlineData("\"count\": \"100\",", HoldL2, "check 'c1': field 'count': expected a whole number >= 1, found \"100\"")]
    [InlineData("\"seed\": 1.5,", HoldL2, "check 'c1': field 'seed': expected a whole number, found 1.5")]
    [InlineData("\"description\": \"\",", HoldL2, "check 'c1': field 'description': expected a non-empty string, found \"\"")]
    public void A_bad_check_is_an_error_naming_file_check_field_expected_and_found(string fields, string metrics, string message)
    {
        Loading(V2(fields, metrics)).Should().Throw<ThresholdFileException>().WithMessage($"{Path.Combine(_dir, "gate.json")}: {message}");
    }

    [Fact]
    public void A_budget_with_another_preset_is_an_error_naming_both()
    {
        Loading(V2("\"budget\": \"quick\", \"preset\": \"paper\",", attack: "cw")).Should().Throw<ThresholdFileException>().WithMessage(
            "*gate.json: check 'c1': field 'preset': the quick budget is built on preset 'strong', found 'paper'");
    }

    [Fact]
    public void An_unknown_attack_is_an_error_listing_the_known_ones()
    {
        Loading(V2(attack: "deepfool")).Should().Throw<ThresholdFileException>().WithMessage(
            "*gate.json: check 'c1': field 'attack': expected one of fgsm, pgd, fgsm-sweep, ifgsm, cw, ead, found 'deepfool'");
    }

    [Fact]
    public void A_check_without_metrics_is_an_error()
    {
        Loading("""{ "schemaVersion": 2, "checks": [ { "id": "c1", "model": "lenet", "attack": "pgd" } ] }""").Should().Throw<ThresholdFileException>()
            .WithMessage("*gate.json: check 'c1': field 'metrics': expected an object such as *");
    }

    [Fact]
    public void Duplicate_ids_are_an_error_naming_the_second_check()
    {
        var check = $$"""{ "id": "c1", "model": "lenet", "attack": "pgd", "metrics": { {{HoldL2}} } }""";

        Loading($$"""{ "schemaVersion": 2, "checks": [ {{check}}, {{check}} ] }""").Should().Throw<ThresholdFileException>().WithMessage(
            "*gate.json: checks[1]: field 'id': 'c1' appears twice; ids must be unique (they name snapshot files)");
    }

    [Theory]
    [InlineData("c 1")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    public void An_id_that_could_not_name_a_file_is_an_error(string id)
    {
        Loading(V2().Replace("\"c1\"", $"\"{id}\"", StringComparison.Ordinal)).Should().Throw<ThresholdFileException>().WithMessage(
            $"*gate.json: checks[0]: field 'id': expected letters, digits, '.', '_' or '-' (it names snapshot files), found '{id}'");
    }

    [Fact]
    public void A_check_without_an_id_is_an_error_naming_its_position()
    {
        Loading(V2().Replace("\"id\": \"c1\",", "", StringComparison.Ordinal)).Should().Throw<ThresholdFileException>()
            .WithMessage("*gate.json: checks[0]: field 'id' is required");
    }

    [Theory]
    [InlineData("{ \"schemaVersion\": 2, \"checks\": [] }", "field 'checks': expected at least one check, found none (a gate that checks nothing would pass silently)")]
    [InlineData("{ \"schemaVersion\": 2 }", "field 'checks': expected an array of checks")]
    [InlineData("{ \"schemaVersion\": 3, \"checks\": [] }", "field 'schemaVersion': expected 1 or 2, found 3")]
    [InlineData("{ \"checks\": [] }", "field 'schemaVersion': expected 1 or 2, found nothing")]
    [InlineData("{ \"schemaVersion\": \"2\", \"checks\": [] }", "field 'schemaVersion': expected 1 or 2, found \"2\"")]
    [InlineData("[]", "expected a JSON object at the top, found Array")]
    [InlineData("{ \"schemaVersion\": 2, ", "not valid JSON (*)")]
    [InlineData("{ \"schemaVersion\": 2, \"defaults\": { \"count\": 0 }, \"checks\": [] }", "defaults: field 'count': expected a whole number >= 1, found 0")]
    [InlineData("{ \"schemaVersion\": 2, \"defaults\": { \"target\": \"random\" }, \"checks\": [] }",
        "defaults: unknown field 'target'; expected one of dataset, count, seed, maxRegression")]
    public void A_bad_file_is_an_error_naming_it_and_the_field(string json, string message)
    {
        Loading(json).Should().Throw<ThresholdFileException>().WithMessage($"{Path.Combine(_dir, "gate.json")}: {message}");
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var path = Path.Combine(_dir, "nowhere.json");

        FluentActions.Invoking(() => ThresholdFile.Load(path)).Should().Throw<ThresholdFileException>().WithMessage($"{path}: threshold file not found");
    }

    [Fact]
    public void The_repository_gate_file_loads_with_unique_ids()
    {
        var file = ThresholdFile.Load(Path.Combine(Paths.Thresholds, "gate.json"));

        file.Checks.Should().NotBeEmpty();
        file.Checks.Select(c => c.Id).Should().OnlyHaveUniqueItems();
        file.Checks.Should().OnlyContain(c => c.Metrics.Count > 0);
    }
}
