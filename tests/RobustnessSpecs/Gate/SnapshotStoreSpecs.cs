using System.Text.Json;
using FluentAssertions;
using RobustnessGate.Gate;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Gate;

public sealed class SnapshotStoreSpecs : IDisposable
{
    private readonly string _dir = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SnapshotStore Store() => new(Path.Combine(_dir, "approved"));

    private static GateSnapshot Snapshot(double meanL2 = 1.5) =>
        GateSnapshot.Of(GateExamples.CheckId, GateExamples.Result().WithMeanL2(meanL2), Verdict.Pass);

    [Fact]
    public void Snapshot_files_are_named_after_the_check()
    {
        var store = Store();

        store.ApprovedPath("lenet-pgd").Should().Be(Path.Combine(_dir, "approved", "lenet-pgd.approved.json"));
        store.ReceivedPath("lenet-pgd").Should().Be(Path.Combine(_dir, "approved", "lenet-pgd.received.json"));
    }

    [Fact]
    public void A_received_snapshot_reads_back_as_written()
    {
        var store = Store();

        store.WriteReceived(Snapshot());

        var read = store.ReadReceived(GateExamples.CheckId);
        read.Should().NotBeNull();
        SnapshotStore.Serialize(read!).Should().Be(SnapshotStore.Serialize(Snapshot()));
        read!.Metrics["meanL2"].Should().Be(1.5);
        store.Pending().Should().Equal(GateExamples.CheckId);
    }

    [Fact]
    public void Without_a_file_there_is_no_snapshot_and_nothing_pending()
    {
        var store = Store();

        store.ReadApproved("lenet-pgd").Should().BeNull();
        store.ReadReceived("lenet-pgd").Should().BeNull();
        store.Pending().Should().BeEmpty();
    }

    [Fact]
    public void Approving_renames_the_received_snapshot_over_the_approved_one()
    {
        var store = Store();
        store.WriteReceived(Snapshot(1.5));
        store.Approve(GateExamples.CheckId, ciVariable: null);
        store.WriteReceived(Snapshot(1.3));

        store.Approve(GateExamples.CheckId, ciVariable: null);

        File.Exists(store.ReceivedPath(GateExamples.CheckId)).Should().BeFalse();
        store.ReadApproved(GateExamples.CheckId)!.Metrics["meanL2"].Should().Be(1.3);
        store.Pending().Should().BeEmpty();
    }

    [Fact]
    public void An_approved_snapshot_read_back_from_its_file_judges_the_same_run_as_a_pass()
    {
        // The file holds attack parameters as JSON numbers, strings and booleans; the live result holds ints, doubles,
        // booleans and choice names. Both must give the same protocol, and every metric must read back exactly.
        var store = Store();
        store.WriteReceived(GateSnapshot.Of(GateExamples.CheckId, GateExamples.Result(GateExamples.Cw), Verdict.Pass));
        store.Approve(GateExamples.CheckId, ciVariable: null);
        var check = GateExamples.Check() with { Attack = GateExamples.Cw };

        var judged = GateJudge.Judge(check, GateExamples.Result(GateExamples.Cw), store.ReadApproved(GateExamples.CheckId),
            store.ApprovedPath(GateExamples.CheckId), frontier: null, cached: false);

        judged.Verdict.Should().Be(Verdict.Pass);
        judged.SnapshotMoved.Should().BeFalse();
        judged.Metrics.Should().OnlyContain(m => m.Delta == null || m.Delta == 0);
    }

    [Fact]
    public void Approval_under_ci_is_refused_naming_the_variable_and_leaves_both_files()
    {
        var store = Store();
        store.WriteReceived(Snapshot());

        var act = () => store.Approve(GateExamples.CheckId, ciVariable: "GITHUB_ACTIONS");

        act.Should().Throw<GateConfigurationException>().WithMessage("approval refused: GITHUB_ACTIONS says this is a CI run*approve on a development machine and commit the file");
        File.Exists(store.ReceivedPath(GateExamples.CheckId)).Should().BeTrue();
        File.Exists(store.ApprovedPath(GateExamples.CheckId)).Should().BeFalse();
    }

    [Fact]
    public void Approving_without_a_received_snapshot_is_an_error_naming_the_file_and_the_check()
    {
        var store = Store();

        var act = () => store.Approve("lenet-pgd", ciVariable: null);

        act.Should().Throw<GateConfigurationException>().WithMessage($"{store.ReceivedPath("lenet-pgd")}: no received snapshot for check 'lenet-pgd'; run the gate first");
    }

    [Fact]
    public void A_corrupt_approved_file_is_an_error_naming_the_file()
    {
        var store = Store();
        Directory.CreateDirectory(store.Directory);
        File.WriteAllText(store.ApprovedPath("lenet-pgd"), "{ \"schemaVersion\": 1, \"check\": ");

        var act = () => store.ReadApproved("lenet-pgd");

        act.Should().Throw<GateConfigurationException>().WithMessage($"{store.ApprovedPath("lenet-pgd")}: *");
    }

    [Fact]
    public void An_approved_file_with_an_unknown_key_is_an_error_naming_the_file_and_the_key()
    {
        var store = Store();
        Directory.CreateDirectory(store.Directory);
        File.WriteAllText(store.ApprovedPath("lenet-pgd"), SnapshotStore.Serialize(Snapshot()).Replace("\"seed\":", "\"colour\": 1,\n  \"seed\":", StringComparison.Ordinal));

        var act = () => store.ReadApproved("lenet-pgd");

        act.Should().Throw<GateConfigurationException>().WithMessage($"{store.ApprovedPath("lenet-pgd")}: colour: *found unknown key 'colour'");
    }

    [Fact]
    public void An_approved_file_of_another_schema_version_is_an_error_naming_both_versions()
    {
        var store = Store();
        Directory.CreateDirectory(store.Directory);
        File.WriteAllText(store.ApprovedPath("lenet-pgd"), SnapshotStore.Serialize(Snapshot() with { SchemaVersion = 2 }));

        var act = () => store.ReadApproved("lenet-pgd");

        act.Should().Throw<GateConfigurationException>().WithMessage($"{store.ApprovedPath("lenet-pgd")}: schemaVersion: expected 1, found 2");
    }

    [Fact]
    public void Written_files_are_utf8_without_a_byte_order_mark_and_with_lf_line_ends()
    {
        var store = Store();

        store.WriteReceived(Snapshot());

        var bytes = File.ReadAllBytes(store.ReceivedPath(GateExamples.CheckId));
        bytes.Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF });
        bytes.Should().NotContain((byte)'\r');
        bytes[^1].Should().Be((byte)'\n');
    }

    [Fact]
    public void Serializing_the_same_snapshot_twice_gives_the_same_text()
    {
        SnapshotStore.Serialize(Snapshot()).Should().Be(SnapshotStore.Serialize(Snapshot()));
    }

    [Fact]
    public void Keys_are_in_a_fixed_order_with_the_metrics_in_catalogue_order()
    {
        using var doc = JsonDocument.Parse(SnapshotStore.Serialize(Snapshot()));

        doc.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(
            "schemaVersion", "check", "model", "dataset", "attack", "target", "seed", "attacked", "succeeded", "metrics", "verdict");
        doc.RootElement.GetProperty("metrics").EnumerateObject().Select(p => p.Name).Should().Equal(GateMetrics.Names);
    }

    [Fact]
    public void Undefined_metrics_are_written_as_null()
    {
        var snapshot = GateSnapshot.Of("c", GateExamples.NothingFooled(), Verdict.Inconclusive);

        using var doc = JsonDocument.Parse(SnapshotStore.Serialize(snapshot));

        doc.RootElement.GetProperty("metrics").GetProperty("meanL2").ValueKind.Should().Be(JsonValueKind.Null);
        doc.RootElement.GetProperty("metrics").GetProperty("successRate").GetDouble().Should().Be(0);
        doc.RootElement.GetProperty("verdict").GetString().Should().Be("inconclusive");
    }

    [Fact]
    public void A_snapshot_holds_no_time_and_no_path()
    {
        var text = SnapshotStore.Serialize(Snapshot());

        text.Should().NotContain("seconds").And.NotContain("/").And.NotContain("engine");
    }

    [Fact]
    public void Deleting_a_received_snapshot_that_is_not_there_does_nothing()
    {
        var store = Store();

        store.Invoking(s => s.DeleteReceived("lenet-pgd")).Should().NotThrow();
    }
}
