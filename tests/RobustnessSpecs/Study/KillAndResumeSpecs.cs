using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Attacks.FgsmSweep;
using RobustnessGate.Attacks.IterativeFgsm;
using RobustnessGate.Study.Running;
using RobustnessSpecs.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace RobustnessSpecs.Study;

/// <summary>
/// A study killed outright (SIGKILL: no cancellation, no finally blocks) at any moment and run again ends with the same
/// study.json and frontier files, byte for byte, as a run never interrupted, and leaves no temporary file behind.
/// </summary>
/// <remarks>
/// Design: the study runs in a second process (the test assembly's <see cref="HelperProcess"/> entry point,
/// <c>study &lt;folder&gt;</c>, running <see cref="Plan"/>). One uninterrupted run gives the reference files and the run's
/// duration T (process start to exit, start-up of the runtime and libtorch included). Then, for each of
/// <see cref="Kills"/> kill points, a fresh folder: a run is started and killed with <see cref="Process.Kill()"/> after
/// 0.9 T x (i + u) / <see cref="Kills"/> seconds, u uniform in [0, 1) from a seeded generator (one kill in each tenth of
/// the first 90 % of the run, at a reproducible place within it), then the same study is run again to completion in that folder and its files
/// are compared with the reference. Each kill point costs about T plus one start-up, so the whole spec takes about
/// 13 T: measured 48 s on 2 otherwise idle cores (T 3.6 s, 10 of 10 runs killed mid-run), 83 s with the cores shared
/// with a study and a benchmark (T 7.6 s, 9 of 10 killed). In one of three runs a kill left an AtomicFile temporary
/// behind, which before this spec no run ever removed.
/// </remarks>
public sealed class KillAndResumeSpecs(ITestOutputHelper output) : IDisposable
{
    /// <summary>How many kill points the spec tries.</summary>
    public const int Kills = 10;

    /// <summary>The share of the measured duration the kill points are spread over (the rest is the slack for a faster run).</summary>
    private const double Window = 0.9;

    private readonly string _root = Paths.TempDirectory();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>
    /// The small study of the helper process: mlp-1 and LeNet, a coarse FGSM sweep and a short I-FGSM search, untargeted
    /// (with a gallery on LeNet: a gallery file and a result file per cell) and random targets (a seeded draw that a
    /// resumed run must repeat), 20 images, and FGSM transfer: 10 cells, each attack cell with its successful examples (a .npy and a .json file).
    /// </summary>
    internal static StudyPlan Plan() => new(
        "kill-and-resume spec", "spec",
        StudyModels.FromSpecs(["mlp-1", "lenet"]),
        [
            FgsmSweepAttack.Definition.Configure(AttackPreset.Strong, o => o with { EpsilonStep = 0.02 }),
            IfgsmAttack.Definition.Configure(AttackPreset.Strong, o => o with { Iterations = 8, Attempts = 4 }),
        ],
        [TargetMode.Untargeted, TargetMode.Random], 20, 1215, StudyBudgets.Transfer, ["lenet"], "ifgsm", 2);

    [Fact]
    public void A_study_killed_at_ten_random_points_and_run_again_ends_byte_identical_to_an_uninterrupted_run_without_temporary_files()
    {
        var reference = Path.Combine(_root, "reference");
        var clock = Stopwatch.StartNew();
        RunToCompletion(reference);
        double duration = clock.Elapsed.TotalSeconds;
        var expected = Snapshot(reference);
        expected.Should().ContainKey("study.json");
        expected.Keys.Should().Contain(k => k.StartsWith("frontiers", StringComparison.Ordinal));

        var random = new Random(1215);
        int interrupted = 0, temporariesLeft = 0;
        for (int i = 0; i < Kills; i++)
        {
            var folder = Path.Combine(_root, $"kill-{i}");
            double at = Window * duration * (i + random.NextDouble()) / Kills;
            using (var run = HelperProcess.Start("study", folder))
            {
                bool exited = run.WaitForExit(TimeSpan.FromSeconds(at));
                if (!exited)
                {
                    run.Kill();
                    run.WaitForExit();
                    interrupted++;
                }
            }
            var left = Temporaries(folder);
            temporariesLeft += left.Length;
            int cells = Directory.Exists(Path.Combine(folder, "cells"))
                ? Directory.GetFiles(Path.Combine(folder, "cells"), "*.json", SearchOption.AllDirectories).Length : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"kill {i}: at {at:F2} s of {duration:F2} s, {cells} cell files, temporary files left by the kill: {(left.Length == 0 ? "none" : string.Join(", ", left.Select(f => Path.GetRelativePath(folder, f))))}"));

            RunToCompletion(folder);
            var actual = Snapshot(folder);
            actual.Keys.Should().BeEquivalentTo(expected.Keys, $"kill {i} at {at:F2} s");
            foreach (var (name, bytes) in expected)
                actual[name].Should().Equal(bytes, $"{name} after kill {i} at {at:F2} s must match the uninterrupted run");
            Temporaries(folder).Should().BeEmpty($"the rerun after kill {i} removes what the killed process left");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{interrupted} of {Kills} runs killed mid-run, {temporariesLeft} temporary files left by kills; {clock.Elapsed.TotalSeconds:F1} s in all"));
        interrupted.Should().BeGreaterThanOrEqualTo(Kills / 2,
            "the kill points lie within the first 90 % of the measured duration; on a loaded machine a run can be faster than the measured one");
    }

    [Fact]
    public void A_study_deletes_the_temporary_files_of_dead_processes_in_its_folder_and_keeps_those_of_live_ones()
    {
        var cells = Path.Combine(_root, "cells", "lenet");
        Directory.CreateDirectory(cells);
        // A process id that is not running: started and waited for.
        int dead;
        using (var p = HelperProcess.Start("no-such-command"))
        {
            p.WaitForExit();
            dead = p.Id;
        }
        var stale = Path.Combine(cells, $".ifgsm-untargeted.json.{dead}.{Guid.NewGuid():N}.tmp");
        var live = Path.Combine(cells, $".ifgsm-random.json.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var foreign = Path.Combine(cells, ".notes.tmp");
        foreach (var f in new[] { stale, live, foreign })
            File.WriteAllText(f, "{");

        RobustnessGate.Persistence.AtomicFile.RemoveStaleTemporaries(_root).Should().Be(1);

        File.Exists(stale).Should().BeFalse();
        File.Exists(live).Should().BeTrue("this process is alive and may still rename it");
        File.Exists(foreign).Should().BeTrue("a name AtomicFile never writes is not the study's to delete");
    }

    private static void RunToCompletion(string folder)
    {
        using var run = HelperProcess.Start("study", folder);
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        run.WaitForExit(TimeSpan.FromMinutes(2)).Should().BeTrue("the study finishes");
        run.WaitForExit();
        run.ExitCode.Should().Be(0, $"the study succeeds: {stdout.Result}{stderr.Result}");
    }

    /// <summary>study.json and every frontier file, by path relative to the folder.</summary>
    private static Dictionary<string, byte[]> Snapshot(string folder)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["study.json"] = File.ReadAllBytes(Path.Combine(folder, "study.json")) };
        foreach (var f in Directory.GetFiles(Path.Combine(folder, "frontiers"), "*", SearchOption.AllDirectories))
            files[Path.GetRelativePath(folder, f).Replace('\\', '/')] = File.ReadAllBytes(f);
        return files;
    }

    private static string[] Temporaries(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories) : [];
}
