using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using RobustnessGate.Gate.Caching;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Gate;

public sealed class ResultCacheSpecs : IDisposable
{
    private readonly string _folder = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ResultCache Cache => new(Path.Combine(_folder, "cache"));

    [Fact]
    public void A_stored_result_comes_back_with_the_same_result_json_text()
    {
        var result = CacheFixtures.Result();
        var key = CacheKey.Of(result);

        Cache.Put(key, result);
        var lookup = Cache.TryGet(key);

        lookup.Outcome.Should().Be(CacheOutcome.Hit, lookup.Message);
        lookup.IsHit.Should().BeTrue();
        lookup.Message.Should().BeNull();
        ResultJson.Serialize(lookup.Result!).Should().Be(ResultJson.Serialize(result));
        lookup.Path.Should().Be(Path.Combine(_folder, "cache", key.Hash[..2], key.Hash + ".json"));
    }

    [Fact]
    public void An_entry_holds_the_schema_version_the_full_key_text_and_the_result_in_result_json_format()
    {
        var result = CacheFixtures.Result();
        var key = CacheKey.Of(result);

        Cache.Put(key, result);

        var entry = JsonNode.Parse(File.ReadAllText(Cache.PathOf(key)))!.AsObject();
        entry.Select(p => p.Key).Should().Equal("schemaVersion", "key", "result");
        entry["schemaVersion"]!.GetValue<int>().Should().Be(ResultCache.SchemaVersion);
        entry["key"]!.GetValue<string>().Should().Be(key.Text);
        ResultJson.Serialize(entry["result"].Deserialize<EvaluationResult>(ResultJson.Options)!).Should().Be(ResultJson.Serialize(result));
    }

    [Fact]
    public void The_key_text_is_one_line_of_named_fields_and_its_hash_is_the_sha256_of_that_text()
    {
        var key = CacheKey.Of(CacheFixtures.Result());

        key.Text.Should().Be(
            $"modelSha256={CacheFixtures.ModelSha256} dataset=mnist-test datasetSha256={CacheFixtures.DatasetSha256} count=10 " +
            "attack=pgd|strong|epsilon=0.3;loss=ce;norm=linf;randomStart=false;stepSize=0.01;steps=5 target=untargeted seed=1215 " +
            "engine=RobustnessGate engineVersion=0.1.0 torchSharp=0.107.0 threads=2");
        key.Hash.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key.Text))));
    }

    [Fact]
    public void Spaces_percent_signs_and_line_breaks_in_names_are_escaped_so_the_text_stays_one_line_and_unambiguous()
    {
        var key = CacheKey.Of(CacheFixtures.Result()) with { Dataset = "my data%\nset" };

        key.Text.Should().Contain("dataset=my%20data%25%0Aset ");
        key.Text.Should().NotContain("\n");
        (key with { Dataset = "my data%25%0Aset" }).Text.Should().NotBe(key.Text, "an escaped-looking name is escaped again");
        (key with { Dataset = "tab\there\u2028\ud800" }).Text.Should().Contain("dataset=tab%09here%E2%80%A8%uD800 ");
    }

    [Fact]
    public void The_key_changes_with_every_component_that_can_change_the_numbers()
    {
        var attack = CacheFixtures.Pgd();
        var baseline = CacheKey.Of(CacheFixtures.Result(attack));

        // One variant per PGD option, changed through its real definition.
        var changedOptions = new Dictionary<string, AttackSettings>
        {
            ["epsilon"] = CacheFixtures.Pgd(o => o with { Epsilon = 0.25 }),
            ["steps"] = CacheFixtures.Pgd(o => o with { Steps = 6 }),
            ["stepSize"] = CacheFixtures.Pgd(o => o with { StepSize = 0.02 }),
            ["randomStart"] = CacheFixtures.Pgd(o => o with { RandomStart = true }),
            ["norm"] = CacheFixtures.Pgd(o => o with { Norm = Norm.L2 }),
            ["loss"] = CacheFixtures.Pgd(o => o with { Loss = AttackLoss.Margin }),
        };
        foreach (var (name, settings) in changedOptions)
        {
            attack.Parameters.Where(p => !Equals(p.Value, settings.Parameters[p.Key])).Select(p => p.Key)
                .Should().Equal([name], "each variant changes exactly the option it is named after");
        }
        changedOptions.Keys.Should().BeEquivalentTo(attack.Parameters.Keys, "every PGD option needs a variant here");

        var variants = new Dictionary<string, CacheKey>
        {
            ["model"] = baseline with { ModelSha256 = new string('c', 64) },
            ["data set name"] = baseline with { Dataset = "mnist-train" },
            ["data set images"] = baseline with { DatasetSha256 = new string('d', 64) },
            ["count"] = baseline with { Count = 11 },
            ["preset"] = baseline with { Attack = AttackSettings.Canonical(attack.Name, "custom", attack.Parameters) },
            ["attack name"] = baseline with { Attack = AttackSettings.Canonical("ifgsm", attack.Preset, attack.Parameters) },
            ["target"] = baseline with { Target = "random" },
            ["seed"] = baseline with { Seed = 1216 },
            ["engine name"] = baseline with { Engine = CacheFixtures.Engine with { Name = "RobustnessGateFork" } },
            ["tool version"] = baseline with { Engine = CacheFixtures.Engine with { Version = "0.1.1" } },
            ["TorchSharp version"] = baseline with { Engine = CacheFixtures.Engine with { TorchSharp = "0.107.1" } },
            ["threads"] = baseline with { Engine = CacheFixtures.Engine with { Threads = 1 } },
        };
        foreach (var (name, settings) in changedOptions)
            variants["attack option " + name] = baseline with { Attack = settings.Key };

        foreach (var (name, key) in variants)
        {
            key.Text.Should().NotBe(baseline.Text, $"changing the {name} changes the key text");
            key.Hash.Should().NotBe(baseline.Hash, $"changing the {name} changes the entry's file");
            key.Should().NotBe(baseline);
        }
        variants.Values.Select(k => k.Hash).Append(baseline.Hash).Should().OnlyHaveUniqueItems();
        (baseline with { }).Hash.Should().Be(baseline.Hash, "an equal key names the same entry");
    }

    [Fact]
    public void The_key_of_an_evaluation_about_to_run_is_the_key_of_its_result_also_after_a_json_round_trip()
    {
        var pixels = Enumerable.Range(0, 20 * 4).Select(i => i % 7 / 7f).ToArray();
        var data = new ImageSet("mnist-test", pixels, Enumerable.Range(0, 20).Select(i => (long)(i % 10)).ToArray(), 1, 2, 2);
        var attack = CacheFixtures.Pgd(o => o with { RandomStart = true });
        var evaluated = data.Take(12);
        var result = CacheFixtures.Result(attack, count: 12, seed: 7) with
        {
            Dataset = new DatasetInfo(evaluated.Name, evaluated.Count, evaluated.Sha256),
            Target = "top2",
        };

        var before = CacheKey.For(CacheFixtures.ModelSha256, data, 12, attack, TargetMode.Top2, 7, CacheFixtures.Engine);
        var path = Path.Combine(_folder, "result.json");
        ResultJson.Write(path, result);

        CacheKey.Of(result).Should().Be(before);
        CacheKey.Of(ResultJson.Read(path)).Text.Should().Be(before.Text, "stored parameters (JSON values) have the same canonical text as live ones");
        before.DatasetSha256.Should().NotBe(data.Sha256, "the key fingerprints the evaluated images, not the whole set");
    }

    [Fact]
    public void Invalid_key_components_are_refused_naming_the_field_the_expected_and_the_found_value()
    {
        var key = CacheKey.Of(CacheFixtures.Result());

        FluentActions.Invoking(() => key with { ModelSha256 = "ABC" }).Should().Throw<ArgumentException>()
            .WithMessage("*'ModelSha256'*64 lowercase hexadecimal digits*'ABC'*");
        FluentActions.Invoking(() => key with { Count = 0 }).Should().Throw<ArgumentException>()
            .WithMessage("*'Count'*at least 1*found 0*");
        FluentActions.Invoking(() => key with { Target = "" }).Should().Throw<ArgumentException>()
            .WithMessage("*'Target'*non-empty*''*");
        FluentActions.Invoking(() => key with { Engine = CacheFixtures.Engine with { Threads = 0 } }).Should().Throw<ArgumentException>()
            .WithMessage("*'Engine.Threads'*at least 1*found 0*");
    }

    [Fact]
    public void A_lookup_without_an_entry_is_absent_and_reports_nothing()
    {
        var lookup = Cache.TryGet(CacheKey.Of(CacheFixtures.Result()));

        lookup.Outcome.Should().Be(CacheOutcome.Absent);
        lookup.IsHit.Should().BeFalse();
        lookup.Result.Should().BeNull();
        lookup.Message.Should().BeNull();
    }

    [Fact]
    public void A_truncated_entry_is_reported_as_corrupt_naming_the_file_and_the_next_put_replaces_it()
    {
        var result = CacheFixtures.Result();
        var key = CacheKey.Of(result);
        Cache.Put(key, result);
        var path = Cache.PathOf(key);
        using (var f = new FileStream(path, FileMode.Open))
            f.SetLength(f.Length / 2);

        var lookup = Cache.TryGet(key);

        lookup.Outcome.Should().Be(CacheOutcome.Corrupt);
        lookup.Result.Should().BeNull();
        lookup.Message.Should().StartWith(path + ": corrupt result cache entry: expected a JSON object, found text that is not JSON or is cut short");

        Cache.Put(key, result);
        Cache.TryGet(key).Outcome.Should().Be(CacheOutcome.Hit);
    }

    [Theory]
    [InlineData("", "expected a JSON object, found text that is not JSON or is cut short")]
    [InlineData("[]", "(document): expected an object {...}, found a list")]
    [InlineData("""{"key": "k", "result": {}}""", "schemaVersion: expected a whole number, found none")]
    [InlineData("""{"schemaVersion": "1"}""", "schemaVersion: expected a whole number, found text")]
    [InlineData("""{"schemaVersion": 1, "key": 5}""", "key: expected text in quotes, found the number 5")]
    [InlineData("""{"schemaVersion": 1, "key": "<key>"}""", "result: expected an object {...}, found none")]
    [InlineData("""{"schemaVersion": 1, "key": "<key>", "result": {"seed": 1}}""", "result: expected the required key(s) *, found none")]
    public void An_entry_that_is_not_json_or_lacks_a_field_is_reported_as_corrupt_naming_the_field(string content, string problem)
    {
        var key = CacheKey.Of(CacheFixtures.Result());
        var path = Cache.PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.Replace("<key>", key.Text, StringComparison.Ordinal));

        var lookup = Cache.TryGet(key);

        lookup.Outcome.Should().Be(CacheOutcome.Corrupt);
        lookup.Message.Should().Match($"{path}: corrupt result cache entry: {problem}*");
    }

    [Fact]
    public void An_entry_whose_result_does_not_match_its_key_is_reported_as_corrupt()
    {
        var result = CacheFixtures.Result();
        var key = CacheKey.Of(result);
        Cache.Put(key, result);
        var path = Cache.PathOf(key);
        var entry = JsonNode.Parse(File.ReadAllText(path))!;
        entry["result"]!["seed"] = 99;
        File.WriteAllText(path, entry.ToJsonString());

        var lookup = Cache.TryGet(key);

        lookup.Outcome.Should().Be(CacheOutcome.Corrupt);
        lookup.Message.Should().Be($"{path}: corrupt result cache entry: result does not match the entry's key (field 'seed': key has '1215', result has '99')");
    }

    [Fact]
    public void An_entry_whose_stored_key_differs_is_reported_as_foreign_naming_the_field()
    {
        var result = CacheFixtures.Result();
        var key = CacheKey.Of(result);
        Cache.Put(key, result);
        var path = Cache.PathOf(key);
        var entry = JsonNode.Parse(File.ReadAllText(path))!;
        entry["key"] = key.Text.Replace("engineVersion=0.1.0", "engineVersion=0.0.9", StringComparison.Ordinal);
        File.WriteAllText(path, entry.ToJsonString());

        var lookup = Cache.TryGet(key);

        lookup.Outcome.Should().Be(CacheOutcome.Foreign);
        lookup.Result.Should().BeNull();
        lookup.Message.Should().Be($"{path}: result cache entry for another key: key: field 'engineVersion': requested '0.1.0', stored '0.0.9'");

        Cache.Put(key, result);
        Cache.TryGet(key).Outcome.Should().Be(CacheOutcome.Hit, "a put replaces the foreign entry");
    }

    [Fact]
    public void An_entry_of_another_format_version_is_reported_as_foreign()
    {
        var result = CacheFixtures.Result();
        var key = CacheKey.Of(result);
        Cache.Put(key, result);
        var path = Cache.PathOf(key);
        var entry = JsonNode.Parse(File.ReadAllText(path))!;
        entry["schemaVersion"] = ResultCache.SchemaVersion + 1;
        File.WriteAllText(path, entry.ToJsonString());

        var lookup = Cache.TryGet(key);

        lookup.Outcome.Should().Be(CacheOutcome.Foreign);
        lookup.Message.Should().Be($"{path}: result cache entry for another key: schemaVersion: expected {ResultCache.SchemaVersion}, found {ResultCache.SchemaVersion + 1} (an entry format this tool does not read)");
    }

    [Fact]
    public void Put_refuses_a_result_measured_under_another_key_naming_the_field()
    {
        var result = CacheFixtures.Result();
        var key = CacheKey.Of(result) with { Seed = 7 };

        FluentActions.Invoking(() => Cache.Put(key, result)).Should().Throw<ArgumentException>()
            .WithMessage("*does not belong to the key (field 'seed': key has '7', result has '1215')*");
        File.Exists(Cache.PathOf(key)).Should().BeFalse();
    }

    [Fact]
    public void An_entry_that_cannot_be_read_is_reported_as_corrupt_naming_the_file()
    {
        var key = CacheKey.Of(CacheFixtures.Result());
        var path = Cache.PathOf(key);
        Directory.CreateDirectory(path); // a folder where the entry's file belongs

        var lookup = Cache.TryGet(key);

        lookup.Outcome.Should().Be(CacheOutcome.Corrupt);
        lookup.Message.Should().StartWith($"{path}: corrupt result cache entry: could not be read (");
    }

    [Fact]
    public void A_put_that_cannot_write_names_the_entry_file()
    {
        var result = CacheFixtures.Result();
        var key = CacheKey.Of(result);
        File.WriteAllText(Path.Combine(_folder, "cache"), "a file where the cache folder belongs");

        FluentActions.Invoking(() => Cache.Put(key, result)).Should().Throw<IOException>()
            .WithMessage($"{Cache.PathOf(key)}: could not write the result cache entry (*");
    }

    [Fact]
    public void Delete_removes_the_entry_so_the_next_lookup_is_absent()
    {
        var result = CacheFixtures.Result();
        var key = CacheKey.Of(result);
        Cache.Put(key, result);

        Cache.Delete(key).Should().BeTrue();
        Cache.Delete(key).Should().BeFalse("there is nothing left to delete");
        Cache.TryGet(key).Outcome.Should().Be(CacheOutcome.Absent);
    }

    [Fact]
    public async Task Two_threads_writing_the_same_entry_at_once_leave_a_valid_entry_and_no_temporary_files()
    {
        // Two results under one key that differ only in Seconds, so the final entry shows whose write won; 1,000 examples
        // (about 0.3 MB) make each write long enough that the writers overlap.
        var first = CacheFixtures.Result(count: 1000, seconds: 1);
        var second = CacheFixtures.Result(count: 1000, seconds: 2);
        var key = CacheKey.Of(first);
        CacheKey.Of(second).Should().Be(key);
        const int Writes = 40;
        var cache = Cache;
        var seen = new List<CacheLookup>();
        using var start = new Barrier(3);
        int writersDone = 0;

        // Dedicated threads (LongRunning) that all wait at the barrier, so the writes start together; a task keeps a
        // thread's exception for WaitAll instead of ending the test process.
        var writers = new[] { first, second }.Select(result => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < Writes; i++)
                cache.Put(key, result);
            Interlocked.Increment(ref writersDone);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        var reader = Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            while (Volatile.Read(ref writersDone) < 2)
                seen.Add(cache.TryGet(key));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.WhenAll([.. writers, reader]).WaitAsync(TimeSpan.FromMinutes(2));

        seen.Where(l => l.Outcome is CacheOutcome.Corrupt or CacheOutcome.Foreign).Select(l => l.Message)
            .Should().BeEmpty("a reader sees the old entry or the complete new one, never a part");
        EntryIsOneOf(cache, key, first, second);
    }

    [Fact]
    public async Task Two_processes_writing_the_same_entry_at_once_leave_a_valid_entry_and_no_temporary_files()
    {
        var mine = CacheFixtures.Result(count: 1000, seconds: 1);
        var theirs = CacheFixtures.Result(count: 1000, seconds: 2); // what the helper process writes
        var key = CacheKey.Of(mine);
        const int Writes = 40;
        var cache = Cache;

        using var helper = HelperProcess.Start("cache-writer", cache.Directory, Writes.ToString(System.Globalization.CultureInfo.InvariantCulture), "2");
        try
        {
            var errors = helper.StandardError.ReadToEndAsync();
            var ready = await helper.StandardOutput.ReadLineAsync();
            ready.Should().Be("ready", "the helper process starts and waits for the signal (standard error: {0})", ready is null ? await errors : "");
            await helper.StandardInput.WriteLineAsync("go");
            await helper.StandardInput.FlushAsync();
            var seen = new List<CacheLookup>();
            for (int i = 0; i < Writes; i++)
            {
                cache.Put(key, mine);
                seen.Add(cache.TryGet(key));
            }
            await helper.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

            helper.ExitCode.Should().Be(0, "the helper process reports no error (standard error: {0})", await errors);
            seen.Where(l => l.Outcome != CacheOutcome.Hit).Select(l => l.Message)
                .Should().BeEmpty("a reader sees one writer's complete entry, never a part");
        }
        finally
        {
            if (!helper.HasExited)
                helper.Kill(); // a failed assertion left it waiting for the signal
        }
        EntryIsOneOf(cache, key, mine, theirs);
    }

    private static void EntryIsOneOf(ResultCache cache, CacheKey key, EvaluationResult first, EvaluationResult second)
    {
        var final = cache.TryGet(key);
        final.Outcome.Should().Be(CacheOutcome.Hit, final.Message);
        ResultJson.Serialize(final.Result!).Should().BeOneOf(ResultJson.Serialize(first), ResultJson.Serialize(second));
        Directory.EnumerateFiles(cache.Directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(cache.Directory, f))
            .Should().Equal([Path.Combine(key.Hash[..2], key.Hash + ".json")], "temporary files are renamed or removed");
    }
}
