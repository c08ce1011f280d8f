using System.Reflection;
using System.Text.Json;
using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Attacks.CarliniWagner;
using RobustnessGate.Attacks.Definitions;
using RobustnessGate.Attacks.Ead;
using RobustnessGate.Attacks.FgsmSweep;
using RobustnessGate.Attacks.IterativeFgsm;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Attacks;

/// <summary>
/// The attack definitions are the single source of truth: every field of each options record is an option, each option
/// reads and writes its own field only, text and JSON read back what they write, presets are what they claim, and the
/// README's table is the generated one.
/// </summary>
public sealed class AttackDefinitionSpecs
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var a in KnownAttacks.All)
            data.Add(a.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_field_of_the_options_record_is_an_option(string name)
    {
        var definition = KnownAttacks.Get(name);
        var record = definition.PresetOptions(definition.Presets[0]).GetType();
        var fields = record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || p.SetMethod is not null).Select(p => p.Name.ToLowerInvariant()).Order().ToList();
        definition.Options.Select(o => o.Name.ToLowerInvariant()).Order().Should().Equal(fields,
            "an option added to the record but not to its definition would be missing from results, cache keys and help");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_option_writes_its_own_field_and_no_other(string name)
    {
        var definition = KnownAttacks.Get(name);
        foreach (var preset in definition.Presets)
        {
            var start = definition.PresetOptions(preset);
            foreach (var option in definition.Options)
            {
                var changed = option.Set(start, OtherValue(option, option.Get(start)));
                option.Get(changed).Should().NotBe(option.Get(start), $"{name}.{option.Name} must change");
                foreach (var other in definition.Options.Where(o => o != option))
                    other.Get(changed).Should().Be(other.Get(start), $"setting {name}.{option.Name} must leave {other.Name} alone");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Text_and_json_read_back_every_preset_value(string name)
    {
        var definition = KnownAttacks.Get(name);
        foreach (var preset in definition.Presets)
        {
            var settings = definition.Configure(preset);
            var asText = definition.Options.ToDictionary(o => o.CliName, o => o.Format(o.Get(settings.Options)));
            definition.Configure(preset, asText).Key.Should().Be(settings.Key);
            using var json = JsonDocument.Parse(JsonSerializer.Serialize(settings.Parameters));
            definition.Configure(preset, json.RootElement).Key.Should().Be(settings.Key);
        }
    }

    [Fact]
    public void The_paper_preset_is_the_options_records_defaults_and_strong_differs_where_measured()
    {
        // The records keep the reference code's values as their defaults, so --preset paper reproduces earlier results bit for bit.
        CwAttack.Definition.Preset(AttackPreset.Paper).Should().Be(new CwOptions());
        EadAttack.Definition.Preset(AttackPreset.Paper).Should().Be(new EadOptions());
        IfgsmAttack.Definition.Preset(AttackPreset.Paper).Should().Be(new IfgsmOptions());
        FgsmSweepAttack.Definition.Preset(AttackPreset.Paper).Should().Be(new FgsmSweepOptions());
        CwAttack.Definition.Preset(AttackPreset.Strong).Adam.Should().Be(CwAdam.TensorFlow);
        IfgsmAttack.Definition.Preset(AttackPreset.Strong).Loss.Should().Be(AttackLoss.Margin);
        FgsmSweepAttack.Definition.Preset(AttackPreset.Strong).Loss.Should().Be(AttackLoss.Margin);
        EadAttack.Definition.Preset(AttackPreset.Strong).Beta.Should().BeGreaterThan(new EadOptions().Beta);
    }

    [Fact]
    public void Records_built_in_code_are_described_by_the_preset_they_equal()
    {
        new CwAttack().Settings.Preset.Should().Be("paper");
        new CwAttack(CwAttack.Definition.Preset(AttackPreset.Strong)).Settings.Preset.Should().Be("strong");
        new CwAttack(new CwOptions(Iterations: 7)).Settings.Preset.Should().Be("custom");
        CwAttack.Definition.Configure(AttackPreset.Paper, [new("iterations", "7")]).Preset.Should().Be("paper", "the preset a user started from is kept; parameters show the change");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_option_is_in_the_parameters_and_the_key_changes_with_each(string name)
    {
        var definition = KnownAttacks.Get(name);
        var preset = definition.Presets[0];
        var settings = definition.Configure(preset);
        settings.Parameters.Keys.Should().Equal(definition.Options.Select(o => o.Name));
        foreach (var option in definition.Options)
        {
            var other = option.Format(OtherValue(option, option.Get(settings.Options)));
            definition.Configure(preset, [new(option.Name, other)]).Key.Should().NotBe(settings.Key, $"{name}.{option.Name} must reach the cache key");
        }
    }

    [Theory]
    [InlineData("cw", "learning-rate", "-1", "*option 'learning-rate'*expected a number > 0*found -1*")]
    [InlineData("cw", "learningRate", "NaN", "*option 'learningRate'*expected a number > 0*found NaN*")]
    [InlineData("cw", "binary-steps", "0", "*option 'binary-steps'*whole number from 1 to 100*found 0*")]
    [InlineData("cw", "binary-steps", "2.5", "*option 'binary-steps'*whole number*found '2.5'*")]
    [InlineData("cw", "adam", "keras", "*option 'adam'*one of reference, tensorflow*found 'keras'*")]
    [InlineData("ead", "abort-early", "maybe", "*option 'abort-early'*true or false*found 'maybe'*")]
    [InlineData("fgsm-sweep", "epsilon-step", "0.000001", "*epsilonStep*grid points, more than 100000*")]
    [InlineData("fgsm", "steps", "4", "*attack 'fgsm'*option 'steps'*unknown option*epsilon, norm, loss*")]
    public void Bad_options_are_refused_naming_the_option_the_expected_and_the_found_value(string attack, string option, string value, string message)
    {
        var act = () => KnownAttacks.Get(attack).Configure(AttackPreset.Strong, [new(option, value)]);
        act.Should().Throw<AttackOptionException>().WithMessage(message);
    }

    [Fact]
    public void Json_options_of_the_wrong_kind_and_repeated_spellings_are_refused()
    {
        using var wrongKind = JsonDocument.Parse("""{ "iterations": "many" }""");
        var act = () => CwAttack.Definition.Configure(AttackPreset.Strong, wrongKind.RootElement);
        act.Should().Throw<AttackOptionException>().WithMessage("*option 'iterations'*whole number*found \"many\"*");
        using var twice = JsonDocument.Parse("""{ "learningRate": 0.1, "learning-rate": 0.2 }""");
        act = () => CwAttack.Definition.Configure(AttackPreset.Strong, twice.RootElement);
        act.Should().Throw<AttackOptionException>().WithMessage("*given twice*learningRate*");
        var pgd = () => KnownAttacks.Get("pgd").Configure(AttackPreset.Paper);
        pgd.Should().Throw<AttackOptionException>().WithMessage("*pgd*has no preset 'paper'*strong*");
    }

    [Fact]
    public void The_readme_attack_table_is_the_generated_one()
    {
        var readme = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        int begin = readme.IndexOf(AttackDocumentation.BeginMarker, StringComparison.Ordinal);
        int end = readme.IndexOf(AttackDocumentation.EndMarker, StringComparison.Ordinal);
        begin.Should().BeGreaterThanOrEqualTo(0, "README.md must hold the generated attack table between its markers");
        end.Should().BeGreaterThan(begin);
        var table = readme[(begin + AttackDocumentation.BeginMarker.Length)..end].Trim('\n') + "\n";
        table.Should().Be(AttackDocumentation.Markdown(KnownAttacks.All), "regenerate it with 'robustness-gate attacks --markdown'");
    }

    /// <summary>A valid value different from <paramref name="current"/>.</summary>
    private static object OtherValue(AttackOption option, object current) => option switch
    {
        _ when current is bool b => !b,
        _ when current is int i => (int)option.Parse(((dynamic)option).Min.ToString()) == i ? i + 1 : (int)((dynamic)option).Min,
        _ when current is double d => d == 0.5 ? 0.25 : 0.5,
        _ => NextChoice(option, current),
    };

    private static object NextChoice(AttackOption option, object current)
    {
        var names = ((dynamic)option).Names as IReadOnlyList<string>;
        var name = (string)option.ToPlain(current);
        return option.Parse(names!.First(n => n != name));
    }
}
