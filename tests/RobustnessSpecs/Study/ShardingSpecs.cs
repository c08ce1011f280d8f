using System.Text.Json.Nodes;
using FluentAssertions;
using RobustnessGate.Data;
using RobustnessGate.Study.Running;
using RobustnessGate.Study.Sharding;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Study;

/// <summary>
/// A small study (mlp-1, mlp-2, LeNet; a short I-FGSM and a short C&amp;W, untargeted and top-2, a C&amp;W gallery on
/// LeNet; 6 images; FGSM transfer; CLEVER L2 and L-inf with N_s 8, N_b 4 on 3 images: 21 units) run once unsharded and
/// once as 3 shards merged; the merge must write study.json and the frontier files byte for byte as the unsharded run.
/// The class runs both once (about 15 s on 2 shared cores), the error specs copy and edit the finished shards.
/// </summary>
public sealed class ShardingSpecs : IClassFixture<ShardingSpecs.Sharded>
{
    private readonly Sharded _s;

    public ShardingSpecs(Sharded sharded) => _s = sharded;

    public sealed class Sharded : IDisposable
    {
        public string Root { get; } = Paths.TempDirectory();

        public StudyPlan Plan { get; } = SmallStudyPlans.TransferAndClever("sharding spec", ["lenet"], 2);

        public ImageSet Data { get; } = BuiltInData.Load(BuiltInData.TestName);

        public string Unsharded => Path.Combine(Root, "unsharded");

        public string Merged => Path.Combine(Root, "merged");

        public IReadOnlyList<string> Shards { get; }

        public IReadOnlyList<ShardManifest> Manifests { get; }

        public Sharded()
        {
            RobustnessGate.Study.Running.StudyRunner.Run(Plan, Data, Unsharded);
            Shards = [.. Enumerable.Range(1, 3).Select(k => Path.Combine(Root, $"shard-{k}"))];
            Manifests = [.. Enumerable.Range(1, 3).Select(k => StudyShards.RunShard(Plan, Data, Shards[k - 1], k, 3, ["--spec"]))];
            StudyShards.Merge(Plan, Data, Shards, Merged);
        }

        /// <summary>A copy of shard <paramref name="k"/> in a new folder, its shard.json passed through <paramref name="edit"/>.</summary>
        public string Copy(int k, string name, Action<JsonNode>? edit = null)
        {
            var target = Path.Combine(Root, name);
            foreach (var file in Directory.GetFiles(Shards[k - 1], "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(target, Path.GetRelativePath(Shards[k - 1], file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
            if (edit is not null)
            {
                var manifest = Path.Combine(target, ShardManifest.FileName);
                var node = JsonNode.Parse(File.ReadAllText(manifest))!;
                edit(node);
                File.WriteAllText(manifest, node.ToJsonString());
            }
            return target;
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    [Fact]
    public void Three_shards_merged_write_study_json_and_the_frontiers_byte_identical_to_the_unsharded_run()
    {
        File.ReadAllBytes(Path.Combine(_s.Merged, "study.json")).Should().Equal(File.ReadAllBytes(Path.Combine(_s.Unsharded, "study.json")));
        var frontiers = Directory.GetFiles(Path.Combine(_s.Unsharded, "frontiers")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        frontiers.Should().NotBeEmpty();
        Directory.GetFiles(Path.Combine(_s.Merged, "frontiers")).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal(frontiers);
        foreach (var f in frontiers)
            File.ReadAllBytes(Path.Combine(_s.Merged, "frontiers", f!)).Should().Equal(File.ReadAllBytes(Path.Combine(_s.Unsharded, "frontiers", f!)), f);
    }

    [Fact]
    public void Each_unit_runs_in_exactly_one_shard_which_holds_only_its_units_and_no_study_json()
    {
        var all = StudyUnitIds.All(_s.Plan).ToList();
        all.Should().HaveCount(_s.Plan.CellCount).And.HaveCount(3 * (2 * 2 + 1 + 2)).And.OnlyHaveUniqueItems();
        _s.Manifests.SelectMany(m => m.Units.Select(u => u.Id)).Should().BeEquivalentTo(all).And.OnlyHaveUniqueItems();
        _s.Manifests.Should().OnlyContain(m => m.Units.Count > 0, "21 units of unequal cost leave no shard empty");
        for (int k = 0; k < 3; k++)
        {
            File.Exists(Path.Combine(_s.Shards[k], "study.json")).Should().BeFalse();
            var results = Directory.GetFiles(Path.Combine(_s.Shards[k], "cells"), "*.json", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".examples.json", StringComparison.Ordinal) && !f.EndsWith(".gallery.json", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(_s.Shards[k], f).Replace('\\', '/'));
            results.Should().BeEquivalentTo(_s.Manifests[k].Units.Select(u => "cells/" + u.Id + ".json"), "a shard computes its own units and nothing else");
        }
        // The gallery file goes with the C&W untargeted cell of LeNet; transfer examples with every attack cell.
        _s.Manifests.SelectMany(m => m.Units).Single(u => u.Id == "lenet/cw-untargeted").Files
            .Should().Contain(["cells/lenet/cw-untargeted.gallery.json", "cells/lenet/cw-untargeted.examples.npy"]);
    }

    [Fact]
    public void The_assignment_is_deterministic_and_within_the_greedy_bound()
    {
        var profile = StudyShards.Profile(_s.Plan, _s.Data);
        // Multiply-adds from the architectures: mlp-1 784 x 100 + 100 x 10; LeNet conv 1->16 5x5 on 24 x 24 outputs
        // (16 x 576 x 25), conv 16->32 5x5 on 8 x 8 (32 x 64 x 400), fc 512 x 128 and 128 x 10.
        profile["mlp-1"].MultiplyAdds.Should().Be(784 * 100 + 100 * 10);
        profile["lenet"].MultiplyAdds.Should().Be(16 * 576 * 25 + 32 * 64 * 400 + 512 * 128 + 128 * 10);
        var (units, shards) = StudyShards.Assign(_s.Plan, profile, 3);
        var again = StudyShards.Assign(_s.Plan, StudyShards.Profile(_s.Plan, _s.Data), 3).Shards;
        again.Select(s => s.Select(u => u.Id)).Should().BeEquivalentTo(shards.Select(s => s.Select(u => u.Id)), o => o.WithStrictOrdering());
        shards.Select(s => s.Select(u => u.Id)).Should().BeEquivalentTo(_s.Manifests.Select(m => m.Units.Select(u => u.Id)), o => o.WithStrictOrdering());
        // Any greedy list schedule ends with its slowest shard at most total/n + (1 - 1/n) x the largest unit (Graham 1966):
        // the unit that finished last started on the least loaded shard, which held at most the average.
        double total = units.Sum(u => u.Cost), largest = units.Max(u => u.Cost);
        shards.Max(s => s.Sum(u => u.Cost)).Should().BeLessThanOrEqualTo(total / 3 + largest * 2 / 3);
    }

    [Fact]
    public void A_missing_or_repeated_shard_is_refused_naming_the_shard()
    {
        var missing = () => StudyShards.Merge(_s.Plan, _s.Data, [_s.Shards[0], _s.Shards[2]], Path.Combine(_s.Root, "m-missing"));
        missing.Should().Throw<InvalidDataException>().WithMessage("*shard 2/3 is missing*");
        var twin = _s.Copy(1, "twin-1");
        var twice = () => StudyShards.Merge(_s.Plan, _s.Data, [_s.Shards[0], twin, _s.Shards[1], _s.Shards[2]], Path.Combine(_s.Root, "m-twice"));
        twice.Should().Throw<InvalidDataException>().WithMessage($"*shard 1/3 is given twice: {_s.Shards[0]} and {twin}*");
        var intoShard = () => StudyShards.Merge(_s.Plan, _s.Data, _s.Shards, _s.Shards[0]);
        intoShard.Should().Throw<ArgumentException>().WithMessage("*also the shard folder*");
    }

    [Fact]
    public void A_shard_of_another_plan_or_a_unit_in_two_shards_is_refused_naming_folder_and_unit()
    {
        var other = _s.Copy(2, "other-plan", n => n["plan"] = new string('0', 64));
        var plan = () => StudyShards.Merge(_s.Plan, _s.Data, [_s.Shards[0], other, _s.Shards[2]], Path.Combine(_s.Root, "m-plan"));
        plan.Should().Throw<InvalidDataException>().WithMessage($"{Path.Combine(other, "shard.json")}: plan: expected *found 0000*another study*");

        var stolen = _s.Manifests[2].Units[0].Id;
        var doubled = _s.Copy(1, "doubled", n => n["units"]!.AsArray().Add(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            _s.Manifests[2].Units[0], new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)))));
        foreach (var f in _s.Manifests[2].Units[0].Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(doubled, f))!);
            File.Copy(Path.Combine(_s.Shards[2], f), Path.Combine(doubled, f), overwrite: true);
        }
        var two = () => StudyShards.Merge(_s.Plan, _s.Data, [doubled, _s.Shards[1], _s.Shards[2]], Path.Combine(_s.Root, "m-doubled"));
        two.Should().Throw<InvalidDataException>().WithMessage($"*unit {stolen} is in two shards: *");
    }

    [Fact]
    public void A_unit_whose_key_or_files_do_not_match_its_provenance_is_refused_naming_folder_and_unit()
    {
        // An attack cell of shard 2 (its key is CacheKey text with "seed=1215"), and another one to swap its file with.
        var attackUnits = _s.Manifests[1].Units.Select((u, i) => (Unit: u, Index: i)).Where(x => !x.Unit.Id.Contains("/clever-", StringComparison.Ordinal)).ToList();
        attackUnits.Should().HaveCountGreaterThanOrEqualTo(2);
        var (unit, index) = attackUnits[0];
        var rekeyed = _s.Copy(2, "rekeyed", n => n["units"]![index]!["key"] = unit.Key.Replace("seed=1215", "seed=7", StringComparison.Ordinal));
        var key = () => StudyShards.Merge(_s.Plan, _s.Data, [_s.Shards[0], rekeyed, _s.Shards[2]], Path.Combine(_s.Root, "m-key"));
        key.Should().Throw<InvalidDataException>().WithMessage($"{Path.Combine(rekeyed, "shard.json")}: unit {unit.Id}: key: expected *seed=1215*found *seed=7*");

        // The unit's result file replaced by another unit's result of the same shard: recorded key right, file wrong.
        var other = attackUnits[1].Unit;
        var swapped = _s.Copy(2, "swapped");
        File.Copy(Path.Combine(swapped, other.Files[0]), Path.Combine(swapped, unit.Files[0]), overwrite: true);
        var files = () => StudyShards.Merge(_s.Plan, _s.Data, [_s.Shards[0], swapped, _s.Shards[2]], Path.Combine(_s.Root, "m-files"));
        files.Should().Throw<InvalidDataException>().WithMessage($"{swapped}: unit {unit.Id}: its files*do not hold a result made under its recorded key*");

        var gone = _s.Copy(2, "gone");
        File.Delete(Path.Combine(gone, unit.Files[0]));
        var deleted = () => StudyShards.Merge(_s.Plan, _s.Data, [_s.Shards[0], gone, _s.Shards[2]], Path.Combine(_s.Root, "m-gone"));
        deleted.Should().Throw<InvalidDataException>().WithMessage($"{gone}: unit {unit.Id}: file {unit.Files[0]} is missing");
    }
}
