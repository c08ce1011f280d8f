using FluentAssertions;
using RobustnessGate.Data;
using RobustnessGate.Runtime;
using RobustnessGate.Study.Running;
using RobustnessGate.Study.Sharding;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Study;

/// <summary>
/// The local workers of study --jobs: every worker walks the same queue (the machine's share, largest estimated cost
/// first) and runs the units it claims. On the small study of <see cref="SmallStudyPlans"/> (21 units, seconds): the
/// queue's order, exclusive claims under contention, and a worker that takes exactly the units nobody else claimed.
/// Two workers in two processes writing the study byte for byte as one process is in <c>Cli/StudyShardCliSpecs</c>.
/// </summary>
public sealed class StudyWorkersSpecs : IDisposable
{
    private readonly string _root = Paths.TempDirectory();
    private readonly StudyPlan _plan = SmallStudyPlans.TransferAndClever("workers spec", [], 0);
    private readonly ImageSet _data = BuiltInData.Load(BuiltInData.TestName);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_queue_is_the_shards_units_largest_first_and_the_shards_queues_cover_the_plan_once()
    {
        var profile = StudyShards.Profile(_plan, _data);
        var (units, shards) = StudyShards.Assign(_plan, profile, 2);
        var queues = Enumerable.Range(1, 2).Select(k => StudyWorkers.Queue(_plan, profile, k, 2)).ToList();
        for (int k = 0; k < 2; k++)
        {
            queues[k].Select(u => u.Id).Should().BeEquivalentTo(shards[k].Select(u => u.Id));
            queues[k].Select(u => u.Cost).Should().BeInDescendingOrder();
        }
        queues.SelectMany(q => q).Select(u => u.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(units.Select(u => u.Id));
        StudyWorkers.Queue(_plan, profile, 1, 1).Select(u => u.Id).Should().Equal(
            units.OrderByDescending(u => u.Cost).ThenBy(u => u.Id, StringComparer.Ordinal).Select(u => u.Id));
        var bad = () => StudyWorkers.Queue(_plan, profile, 3, 2);
        bad.Should().Throw<ArgumentException>().WithMessage("shard: expected 1 <= k <= n, found 3 of 2");
    }

    [Fact]
    public void Each_position_is_claimed_exactly_once_however_many_claim_it_at_once()
    {
        const int positions = 400;
        var folder = Path.Combine(_root, StudyWorkers.ClaimsFolder);
        var won = new int[positions];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, w =>
        {
            var claims = new UnitClaims(folder, w + 1);
            for (int p = 0; p < positions; p++)
            {
                if (claims.TryClaim(p))
                    Interlocked.Increment(ref won[p]);
            }
        });
        won.Should().OnlyContain(n => n == 1);
        Directory.GetFiles(folder).Should().HaveCount(positions);
        StudyWorkers.ResetClaims(_root);
        Directory.Exists(folder).Should().BeFalse();
        new UnitClaims(folder, 1).TryClaim(0).Should().BeTrue("the claims of an earlier set of workers are gone");
    }

    [Fact]
    public void A_worker_runs_the_units_nobody_claimed_in_queue_order_and_the_next_set_of_workers_reuses_them()
    {
        var queue = StudyWorkers.Queue(_plan, StudyShards.Profile(_plan, _data), 1, 1);
        var other = new UnitClaims(Path.Combine(_root, StudyWorkers.ClaimsFolder), 2);
        other.TryClaim(0).Should().BeTrue();
        other.TryClaim(2).Should().BeTrue();

        var places = new List<int>();
        var first = StudyWorkers.Run(_plan, _data, _root, 1, 1, 1, 2, new SynchronousProgress<StudyProgress>(p => places.Add(p.Done)));
        first.Select(u => u.Id).Should().Equal(queue.Where((_, i) => i != 0 && i != 2).Select(u => u.Id));
        places.Should().Equal(Enumerable.Range(1, queue.Count).Where(p => p != 1 && p != 3));
        StudyWorkers.Run(_plan, _data, _root, 1, 1, 2, 2).Should().BeEmpty("every unit is claimed");

        StudyWorkers.ResetClaims(_root);
        int reused = 0;
        var second = StudyWorkers.Run(_plan, _data, _root, 1, 1, 2, 2, new SynchronousProgress<StudyProgress>(p => reused = p.Reused));
        second.Should().HaveCount(queue.Count);
        reused.Should().Be(queue.Count - 2, "only the two units claimed by the other worker were not computed yet");
    }
}
