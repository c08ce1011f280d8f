using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using RobustnessGate.Data;
using RobustnessGate.Gate;
using RobustnessGate.Runtime;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Cli;

/// <summary>
/// "Never silently weak, never a crash, nothing lost": hostile models, data, options, threshold files, snapshots and output
/// folders go through the command line as a user would type them. Each case asserts the documented exit code (0 ok, 1 bad
/// file, model or run, 2 usage, 3 gate failed), a message naming the file and/or field with the expected and the found
/// value, that the run ends in an exit code and not in an exception, and that a failure leaves no result.json and no
/// temporary file behind. The hostile files are written here, by hand, in a temporary folder.
/// </summary>
public sealed class HostileInputSpecs : IDisposable
{
    private const int Images = 4;
    private static readonly string Fixtures = Paths.TorchScriptFixtures;
    private static readonly string Cnn = Path.Combine(Fixtures, "cnn.pt");
    private readonly string _dir = Paths.TempDirectory();

    public HostileInputSpecs() => TorchRuntime.Configure();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>One hostile input: what to write and type, the exit code, and the message as a wildcard pattern.</summary>
    private sealed record Case(Func<HostileInputSpecs, string[]> Arrange, int ExitCode, string Message);

    private string Out => Path.Combine(_dir, "out");

    private string F(string name) => Path.Combine(_dir, name);

    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        // ---- models ----
        ["a model file that does not exist"] = new(t => t.Evaluate(model: t.F("nope.pt")), 1, "*nope.pt*expected a TorchScript file or a built-in model*found no file*"),
        ["an empty model file"] = new(t => t.Evaluate(model: t.Bytes("empty.pt", [])), 1, "*empty.pt*expected a zip archive*found an empty file*"),
        ["a model file of garbage bytes"] = new(t => t.Evaluate(model: t.Bytes("garbage.pt", Encoding.ASCII.GetBytes("this is not a model at all"))), 1,
            "*garbage.pt*expected a zip archive*found*"),
        ["a truncated TorchScript file"] = new(t => t.Evaluate(model: t.Bytes("truncated.pt", File.ReadAllBytes(Cnn)[..20000])), 1,
            "*truncated.pt*TorchScript load failed*"),
        ["a zip archive that is not TorchScript"] = new(t => t.Evaluate(model: t.Zip("notscript.pt")), 1, "*notscript.pt*TorchScript load failed*"),
        ["a model directory instead of a file"] = new(t => t.Evaluate(model: t.Folder("model-dir")), 1, "*model-dir*expected a TorchScript file or a built-in model*found a folder*"),
        ["images with three channels for a one-channel TorchScript model"] = new(t => t.Evaluate(images: t.ImagesF32("rgb.npy", channels: 3)), 1,
            "*cnn.pt*failed on*rgb.npy*3 x 28 x 28*"),
        ["images of the wrong size for a TorchScript model"] = new(t => t.Evaluate(images: t.ImagesF32("small.npy", size: 20)), 1,
            "*cnn.pt*failed on*small.npy*1 x 20 x 20*"),
        ["images of the wrong shape for a built-in model"] = new(t => t.Evaluate(model: "lenet", images: t.ImagesF32("rgb.npy", channels: 3)), 1,
            "*lenet*takes 1 x 28 x 28*rgb.npy*has 3 x 28 x 28*"),
        ["a model that returns probabilities"] = new(t => t.Evaluate(model: Path.Combine(Fixtures, "softmax_cnn.pt")), 1,
            "*softmax_cnn.pt*returns probabilities*need logits*"),
        ["labels beyond the classes of the model"] = new(t => t.Evaluate(labels: t.LabelsI64("y.npy", 10, 1, 2, 3)), 1,
            "*label 10 of image 0 in images.npy*not a class of model 'cnn.pt'*10 outputs*"),
        ["a model whose forward returns a tuple"] = new(t => t.Evaluate(model: Path.Combine(Fixtures, "tuple_output.pt")), 1,
            "*tuple_output.pt*returns a tuple*expected one logits tensor*"),
        ["a model whose forward returns a dict"] = new(t => t.Evaluate(model: Path.Combine(Fixtures, "dict_output.pt")), 1,
            "*dict_output.pt*returns a dict*expected one logits tensor*"),

        // ---- data ----
        ["NaN pixels"] = new(t => t.Evaluate(images: t.ImagesF32("nan.npy", poison: float.NaN)), 1, "*nan.npy*expected*[0, 1]*found NaN*image 0*"),
        ["infinite pixels"] = new(t => t.Evaluate(images: t.ImagesF32("inf.npy", poison: float.PositiveInfinity)), 1, "*inf.npy*[0, 1]*found Infinity*"),
        ["float pixels in 0-255"] = new(t => t.Evaluate(images: t.ImagesF32("bytes.npy", scale: 255)), 1, "*bytes.npy*expected values in [0, 1], found 36*scale 0-255 data by 1/255*"),
        ["negative pixels"] = new(t => t.Evaluate(images: t.ImagesF32("neg.npy", poison: -0.5f)), 1, "*neg.npy*[0, 1]*found -0.5*"),
        ["float16 images"] = new(t => t.Evaluate(images: t.Npy("half.npy", "<f2", [Images, 1, 28, 28], new byte[Images * 784 * 2])), 1,
            "*half.npy*field 'descr'*expected*float32*found '<f2'*"),
        ["big-endian images"] = new(t => t.Evaluate(images: t.Npy("big.npy", ">f4", [Images, 1, 28, 28], new byte[Images * 784 * 4])), 1,
            "*big.npy*field 'descr'*big-endian '>f4'*expected little-endian*"),
        ["Fortran-order images"] = new(t => t.Evaluate(images: t.Npy("fortran.npy", "<f4", [Images, 1, 28, 28], new byte[Images * 784 * 4], fortran: true)), 1,
            "*fortran.npy*field 'fortran_order'*True*expected False*"),
        ["an object array"] = new(t => t.Evaluate(images: t.Npy("object.npy", "|O", [Images, 1, 28, 28], new byte[64])), 1,
            "*object.npy*field 'descr'*expected*float32*found '|O'*"),
        ["truncated image data"] = new(t => t.Evaluate(images: t.Npy("cut.npy", "<f4", [Images, 1, 28, 28], new byte[100])), 1,
            "*cut.npy*needs 12544 data bytes*has 100*"),
        ["a truncated .npy header"] = new(t => t.Evaluate(images: t.Bytes("header.npy", [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1])), 1,
            "*header.npy*header is truncated*"),
        ["an unsupported .npy format version"] = new(t => t.Evaluate(images: t.Bytes("v9.npy", [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 9, 0, 0, 0])), 1,
            "*v9.npy*format version 9*expected 1, 2 or 3*"),
        ["an empty data set"] = new(t => t.Evaluate(images: t.Npy("none.npy", "<f4", [0, 1, 28, 28], []), labels: t.Npy("none-y.npy", "<i8", [0], [])), 1,
            "*none.npy*field 'shape'*expected at least one image, found 0*"),
        ["images of the wrong rank"] = new(t => t.Evaluate(images: t.Npy("flat.npy", "<f4", [Images, 784], new byte[Images * 784 * 4])), 1,
            "*flat.npy*shape N x C x H x W or N x H x W*(4, 784)*"),
        ["more images than labels"] = new(t => t.Evaluate(labels: t.LabelsI64("three.npy", 1, 2, 3)), 1, "*three.npy*3 labels*4 images*one label per image*"),
        ["labels out of range of a uint8 file"] = new(t => t.Evaluate(labels: t.Npy("u8.npy", "|u1", [Images], [255, 1, 2, 3])), 1,
            "*label 255 of image 0 in images.npy*not a class of model 'cnn.pt'*10 outputs*"),
        ["a negative label"] = new(t => t.Evaluate(labels: t.LabelsI64("neg-y.npy", 7, -1, 1, 0)), 1, "*neg-y.npy*label -1 at index 1 is negative*expected class indices*"),
        ["float labels"] = new(t => t.Evaluate(labels: t.Npy("float-y.npy", "<f4", [Images], NpyFiles.Floats(7, 2, 1, 0))), 1,
            "*float-y.npy*field 'descr'*expected*int64*found '<f4'*"),
        ["labels of the wrong rank"] = new(t => t.Evaluate(labels: t.Npy("y2.npy", "<i8", [Images, 2], new byte[Images * 16])), 1,
            "*y2.npy*labels must have shape (N,)*(4, 2)*"),
        ["an image file that does not exist"] = new(t => t.Evaluate(images: t.F("missing.npy")), 1, "*missing.npy*file not found*"),
        ["a text file named .npy"] = new(t => t.Evaluate(images: t.Bytes("text.npy", Encoding.ASCII.GetBytes("1,2,3"))), 1, "*text.npy*expected the magic bytes*NUMPY*"),
        ["a truncated IDX file"] = new(t => t.Evaluate(images: t.Bytes("cut.idx", [0, 0, 8, 3, 0, 0, 0, 4, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2])), 1,
            "*cut.idx*IDX header [4 x 28 x 28] needs 3152 bytes, the file has 18*"),
        ["a gzip file that does not decompress"] = new(t => t.Evaluate(images: t.Bytes("bad.idx.gz", [0x1f, 0x8b, 1, 2, 3])), 1, "*bad.idx.gz*gzip*does not decompress*"),

        // ---- options ----
        ["an unknown option"] = new(t => t.Options("--epsilonn", "0.1"), 2, "*attack 'fgsm' does not take --epsilonn*its options are*--epsilon*"),
        ["an option out of range"] = new(t => t.Options("--epsilon", "-1"), 2, "*--epsilon*fgsm*-1*"),
        ["a NaN option"] = new(t => t.Options("--epsilon", "NaN"), 2, "*--epsilon*fgsm*NaN*"),
        ["an unparsable option"] = new(t => t.Options("--epsilon", "lots"), 2, "*--epsilon*fgsm*lots*"),
        ["a zero batch size"] = new(t => t.Options("--batch-size", "0"), 2, "*--batch-size*'0'*whole number >= 1*"),
        ["a zero count"] = new(t => t.Options("--count", "0"), 2, "*--count*'0'*whole number >= 1*"),
        ["zero threads"] = new(t => t.Options("--threads", "0"), 2, "*--threads*'0'*whole number >= 1*"),
        ["a seed that is not a number"] = new(t => t.Options("--seed", "abc"), 2, "*--seed*'abc'*whole number*"),
        ["a bad target"] = new(t => t.Options("--target", "sideways"), 2, "*option --target*expected one of untargeted, random, least-likely, top2*found 'sideways'*"),
        ["a mean of the wrong length"] = new(t => t.Options("--mean", "0.1,0.2", "--std", "0.3,0.3"), 2,
            "*option --mean*expected 1 value (one per channel of*images.npy*)*found 2*"),
        ["a std of another length than the mean"] = new(t => t.Options("--mean", "0.1", "--std", "0.3,0.3"), 2, "*option --std*expected 1 value*as many as --mean*found 2*"),
        ["a zero std"] = new(t => t.Options("--mean", "0.1", "--std", "0"), 2, "*option --std*expected positive values*found [0]*"),
        ["a mean that is not a number"] = new(t => t.Options("--mean", "a", "--std", "1"), 2, "*option --mean*'a' is not a number*"),
        ["a mean without a std"] = new(t => t.Options("--mean", "0.1"), 2, "*--mean and --std go together*"),
        ["a mean on a built-in model"] = new(t => t.Evaluate(model: "lenet", extra: ["--mean", "0.1", "--std", "0.3"]), 2, "*built-in model 'lenet'*TorchScript files only*"),
        ["a bogus preset"] = new(t => t.Options("--preset", "bogus"), 2, "*option --preset*expected one of strong, paper*found 'bogus'*"),
        ["an unknown attack"] = new(t => ["evaluate", "--attack", "deepfool", "--out", t.Out], 2, "*option --attack*unknown attack 'deepfool'*expected one of*fgsm*"),
        ["no attack"] = new(t => ["evaluate", "--out", t.Out], 2, "*option --attack is required*"),
        ["a zero step count"] = new(t => ["evaluate", "--attack", "pgd", "--steps", "0", "--out", t.Out], 2, "*--steps*pgd*0*"),
        ["an unknown command"] = new(_ => ["evaluat"], 2, "*unknown command 'evaluat'*expected one of*evaluate*"),
        ["a positional argument"] = new(_ => ["evaluate", "fgsm"], 2, "*unexpected argument 'fgsm'*--name value*"),

        // ---- output ----
        ["a file where the output folder should be"] = new(t => t.Evaluate(outDir: t.Bytes("out-file", [1])), 1, "*out-file*field --out*expected a folder*found a file*"),
        ["an output folder inside a file path"] = new(t => t.Evaluate(outDir: Path.Combine(t.Bytes("parent-file", [1]), "sub")), 1,
            "*parent-file*field --out*expected a folder*found a file*"),

        // ---- threshold files, frontier and snapshots (robustness-gate gate) ----
        ["a thresholds file that does not exist"] = new(t => t.Gate(t.F("nothing.json")), 1, "*nothing.json*threshold file not found*"),
        ["a thresholds file that is not JSON"] = new(t => t.Gate(t.Text("broken.json", "{ \"schemaVersion\": 2, ")), 1, "*broken.json*not valid JSON*"),
        ["a thresholds file of an unknown schema version"] = new(t => t.Gate(t.Text("v3.json", "{ \"schemaVersion\": 3, \"checks\": [] }")), 1,
            "*v3.json*field 'schemaVersion'*expected 1 or 2*found 3*"),
        ["an unknown key at the top of a thresholds file"] = new(t => t.Gate(t.Text("top.json", "{ \"schemaVersion\": 2, \"chekcs\": [] }")), 1,
            "*top.json*unknown field 'chekcs'*expected one of*checks*"),
        ["a typo in a check's key"] = new(t => t.Gate(t.Thresholds("typo.json", check: "\"atack\": \"fgsm\",")), 1,
            "*typo.json*check 'hostile'*unknown field 'atack'*expected one of*attack*"),
        ["a typo in a metric name"] = new(t => t.Gate(t.Thresholds("metric.json", metrics: "\"meanL3\": {}")), 1,
            "*metric.json*check 'hostile'*unknown metric 'metrics.meanL3'*expected one of*meanL2*"),
        ["bands out of order"] = new(t => t.Gate(t.Thresholds("bands.json", metrics: "\"meanLinf\": { \"low\": 0.1, \"break\": 0.2 }")), 1,
            "*bands.json*check 'hostile'*metrics.meanLinf*break*low*0.2*0.1*"),
        ["a percentage instead of a fraction"] = new(t => t.Gate(t.Thresholds("percent.json", metrics: "\"cleanAccuracy\": { \"break\": 95 }")), 1,
            "*percent.json*check 'hostile'*field 'metrics.cleanAccuracy.break'*fraction in [0, 1]*found 95*"),
        ["a relative tolerance in percent"] = new(t => t.Gate(t.Thresholds("relative.json", check: "\"maxRegression\": { \"relative\": 5 },")), 1,
            "*relative.json*field 'maxRegression.relative'*expected a number from 0 to 1*0.05 = 5 %*found 5*"),
        ["duplicate check ids"] = new(t => t.Gate(t.Thresholds("twice.json", twice: true)), 1, "*twice.json*field 'id'*'hostile' appears twice*unique*"),
        ["an unknown attack option in a check"] = new(t => t.Gate(t.Thresholds("option.json", check: "\"options\": { \"steps\": 3 },")), 1,
            "*option.json*check 'hostile'*field 'options.steps'*unknown option of attack 'fgsm'*expected one of*epsilon*"),
        ["a check whose model file does not exist"] = new(t => t.Gate(t.Thresholds("model.json", model: "missing.pt")), 1,
            "*model.json*check 'hostile'*field 'model'*expected a built-in model*found no file*missing.pt*"),
        ["a check's normalization of the wrong length"] = new(t => t.Gate(t.Thresholds("norm.json", model: Cnn, check: "\"normalization\": { \"mean\": [0.1, 0.2], \"std\": [0.3, 0.3] },")), 1,
            "*norm.json*check 'hostile'*field 'normalization.mean'*expected 1 value (one per channel of mnist-test, or one for all), found 2*"),
        ["a check's normalization with a zero std"] = new(t => t.Gate(t.Thresholds("std.json", model: Cnn, check: "\"normalization\": { \"mean\": [0.1], \"std\": [0] },")), 1,
            "*std.json*check 'hostile'*field 'normalization.std'*expected positive values*found [0]*"),
        ["an unknown check id on the command line"] = new(t => [.. t.Gate(t.Thresholds("ok.json")), "--check", "other"], 1, "*ok.json*no check 'other'*the checks are hostile*"),
        ["a missing frontier file"] = new(t => t.Gate(t.Thresholds("frontier.json", frontier: "frontiers/none.json"), approved: true), 3,
            "*frontier file*none.json not found*make it with 'robustness-gate study'*inconclusive*"),
        ["a frontier of another protocol"] = new(t => t.Gate(t.Thresholds("protocol.json", frontier: Path.Combine(Paths.Thresholds, "frontiers", "cw-untargeted-l2.json"))), 1,
            "*protocol.json*check 'hostile'*field 'frontier'*cw-untargeted-l2.json*another protocol*"),
        ["an approved snapshot with a field of the wrong kind"] = new(t => t.Gate(t.Thresholds("snap.json"), snapshot: "{ \"schemaVersion\": \"two\" }"), 1,
            "*hostile.approved.json: schemaVersion: expected a whole number, found a value of another kind*"),
        ["a truncated approved snapshot"] = new(t => t.Gate(t.Thresholds("cut.json"), snapshot: "{ \"schemaVersion\": 1, \"check\": "), 1,
            "*hostile.approved.json: *: expected*found*"),
        ["a check without an approved snapshot"] = new(t => t.Gate(t.Thresholds("nobase.json")), 3, "*check 'hostile'*no approved baseline*hostile.approved.json*approve*"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_hostile_input_ends_in_its_documented_exit_code_with_a_message_naming_it_and_leaves_nothing_half_written(string name)
    {
        var c = Cases[name];
        var args = c.Arrange(this);

        int code = -1;
        string output = "", error = "";
        Action run = () => (code, output, error) = CliRunner.Run(args);
        run.Should().NotThrow("a hostile input ends in an exit code, never in an exception (a crash: exit 134)");

        code.Should().Be(c.ExitCode, $"{name}: stdout:\n{output}\nstderr:\n{error}");
        var text = error + output;
        Matches(text, c.Message).Should().BeTrue($"{name}: the message should match '{c.Message}', found:\n{text}");
        if (File.Exists(Path.Combine(Out, "result.json")))
            Assert.Fail($"{name}: a failed run wrote {Path.Combine(Out, "result.json")}");
        Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty($"{name}: a failure leaves no temporary file");
    }

    [Fact]
    public void The_hostile_corpus_has_at_least_fifty_cases_across_models_data_options_thresholds_snapshots_and_output()
    {
        Cases.Should().HaveCountGreaterThanOrEqualTo(50);
        Cases.Values.Select(c => c.ExitCode).Distinct().Should().BeEquivalentTo([1, 2, 3]);
    }

    [Fact]
    public void Under_ci_a_check_without_an_approved_snapshot_is_inconclusive_and_nothing_is_approved()
    {
        var file = ThresholdFile.Load(Thresholds("ci.json"));
        var approved = Path.Combine(_dir, "approved");
        using var session = new GateSession(file, new GateRunOptions(approved, CiVariable: "ROBUSTNESSGATE_CI"));
        var result = session.Run("hostile");

        result.Verdict.Should().Be(Verdict.Inconclusive, "the gate command exits with 3 on any verdict but pass");
        session.Report().Verdict.Should().NotBe(Verdict.Pass);
        result.Message.Should().Match("*no approved baseline*hostile.approved.json*");
        File.Exists(session.Snapshots.ApprovedPath("hostile")).Should().BeFalse();
        var approve = () => session.Snapshots.Approve("hostile", "ROBUSTNESSGATE_CI");
        approve.Should().Throw<GateConfigurationException>().WithMessage("approval refused: ROBUSTNESSGATE_CI says this is a CI run*");
        File.Exists(session.Snapshots.ApprovedPath("hostile")).Should().BeFalse();
    }

    [Fact]
    public void A_corrupt_cache_entry_is_recomputed_and_reported_naming_the_entry()
    {
        var file = ThresholdFile.Load(Thresholds("cache.json"));
        var options = new GateRunOptions(Path.Combine(_dir, "approved"), Path.Combine(_dir, "cache"));
        using (var first = new GateSession(file, options))
            first.Run("hostile").Cached.Should().BeFalse();
        var entry = Directory.GetFiles(Path.Combine(_dir, "cache"), "*.json", SearchOption.AllDirectories).Single();
        File.WriteAllText(entry, "{ \"schemaVersion\": 1, \"key\": ");

        using var second = new GateSession(file, options);
        second.Run("hostile").Cached.Should().BeFalse("a corrupt entry is never served");
        second.CacheNotes.Should().ContainSingle().Which.Should().Match($"*{entry}*corrupt*expected a JSON object*recomputed*");
        JsonDocument.Parse(File.ReadAllText(entry)).RootElement.GetProperty("result").ValueKind.Should().Be(JsonValueKind.Object, "the entry is rewritten whole");
    }

    private static bool Matches(string text, string pattern) =>
        Regex.IsMatch(text, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.Singleline);

    // ---- arranging ----

    private string[] Options(params string[] extra) => Evaluate(extra: extra);

    private string[] Evaluate(string? model = null, string? images = null, string? labels = null, string? outDir = null, string[]? extra = null)
    {
        images ??= ImagesF32("images.npy");
        labels ??= LabelsI64("labels.npy", 7, 2, 1, 0);
        return ["evaluate", "--attack", "fgsm", "--model", model ?? Cnn, "--images", images, "--labels", labels,
            "--out", outDir ?? Out, "--quiet", .. extra ?? []];
    }

    private string[] Gate(string thresholds, bool approved = false, string? snapshot = null)
    {
        var snapshots = Path.Combine(_dir, "approved");
        Directory.CreateDirectory(snapshots);
        if (snapshot is not null)
            File.WriteAllText(Path.Combine(snapshots, "hostile.approved.json"), snapshot);
        if (approved)
        {
            // A baseline of this very check, made by running it once without a frontier and approving the snapshot.
            var plain = Thresholds("baseline.json");
            using (var session = new GateSession(ThresholdFile.Load(plain), new GateRunOptions(snapshots)))
                session.Run("hostile");
            new SnapshotStore(snapshots).Approve("hostile", null);
        }
        return ["gate", "--thresholds", thresholds, "--snapshots", snapshots, "--no-cache", "--summary", Path.Combine(_dir, "summary.md")];
    }

    /// <summary>A small valid thresholds file with one cheap check ('hostile': FGSM on LeNet, 5 images), with a part replaced.</summary>
    private string Thresholds(string name, string check = "", string metrics = "\"cleanAccuracy\": {}", string model = "lenet", string? frontier = null, bool twice = false)
    {
        var frontierPart = frontier is null ? "" : $", \"frontier\": {{ \"file\": {JsonSerializer.Serialize(frontier)} }}";
        var attack = check.Contains("\"atack\"", StringComparison.Ordinal) ? "" : "\"attack\": \"fgsm\",";
        var one = $$"""{ "id": "hostile", "model": {{JsonSerializer.Serialize(model)}}, {{attack}} {{check}} "target": "untargeted", "count": 5, "metrics": { {{metrics}} }{{frontierPart}} }""";
        return Text(name, $$"""{ "schemaVersion": 2, "checks": [ {{one}}{{(twice ? ", " + one : "")}} ] }""");
    }

    private string Text(string name, string content)
    {
        File.WriteAllText(F(name), content);
        return F(name);
    }

    private string Bytes(string name, byte[] content)
    {
        File.WriteAllBytes(F(name), content);
        return F(name);
    }

    private string Folder(string name) => Directory.CreateDirectory(F(name)).FullName;

    private string Zip(string name)
    {
        using (var zip = ZipFile.Open(F(name), ZipArchiveMode.Create))
        {
            using var w = new StreamWriter(zip.CreateEntry("notes/readme.txt").Open());
            w.Write("a zip archive, but not one torch.jit.save wrote");
        }
        return F(name);
    }

    private string Npy(string name, string descr, int[] shape, byte[] data, bool fortran = false)
    {
        NpyFiles.Write(F(name), descr, shape, data, fortran);
        return F(name);
    }

    /// <summary>The first test digits of the fixture as float32 N x C x H x W, optionally with a channel count, size, scale or one poisoned pixel.</summary>
    private string ImagesF32(string name, int channels = 1, int size = 28, float scale = 1, float? poison = null)
    {
        var (pixels, _, _, _, _) = NpyReader.ReadImages(Path.Combine(Fixtures, "images.npy"));
        var values = new float[Images * channels * size * size];
        for (int n = 0; n < Images; n++)
        {
            for (int ch = 0; ch < channels; ch++)
            {
                for (int y = 0; y < size; y++)
                {
                    for (int x = 0; x < size; x++)
                        values[((n * channels + ch) * size + y) * size + x] = scale * pixels[(n * 28 + y) * 28 + x];
                }
            }
        }
        if (scale != 1)
            values[300] = 255;
        if (poison is { } p)
            values[5] = p;
        return Npy(name, "<f4", [Images, channels, size, size], NpyFiles.Floats(values));
    }

    private string LabelsI64(string name, params long[] labels) => Npy(name, "<i8", [labels.Length], NpyFiles.Longs(labels));
}
