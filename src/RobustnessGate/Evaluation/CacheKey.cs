using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RobustnessGate.Attacks;
using RobustnessGate.Data;
using RobustnessGate.Runtime;

namespace RobustnessGate.Evaluation;

/// <summary>
/// Everything that can change an evaluation's numbers: the model's fingerprint, the evaluated images (name, fingerprint
/// and count), the attack (name, preset and every effective parameter, <see cref="AttackSettings.Key"/>), the target mode,
/// the seed and the engine (tool name and version, TorchSharp version, thread count). Two evaluations with equal keys give
/// the same result on the same machine kind, so the gate's result cache and the study's cells may serve one for the other.
/// </summary>
/// <remarks>
/// Not in the key: the model's display name, the batch size (results do not depend on it for deterministic attacks, see
/// <see cref="EvaluationOptions.BatchSize"/>; the study's cell store makes the same choice) and the CPU kernels.
/// </remarks>
public sealed record CacheKey
{
    /// <summary>Creates a key from its components; each is validated, and errors name the field, the expected and the found value.</summary>
    /// <param name="modelSha256">The model's fingerprint (<see cref="ModelInfo.Sha256"/>): 64 lowercase hexadecimal digits.</param>
    /// <param name="dataset">The data set's name (<see cref="DatasetInfo.Name"/>).</param>
    /// <param name="datasetSha256">SHA-256 of the evaluated images and labels (<see cref="DatasetInfo.Sha256"/>).</param>
    /// <param name="count">Images evaluated (<see cref="DatasetInfo.Count"/>), at least 1.</param>
    /// <param name="attack">The attack's canonical text: <see cref="AttackSettings.Key"/>, or <see cref="AttackSettings.Canonical"/> of stored parameters.</param>
    /// <param name="target">Target mode name (<see cref="TargetNames.Name"/>).</param>
    /// <param name="seed">Seed of random targets and starts.</param>
    /// <param name="engine">Tool name and version, TorchSharp version and thread count.</param>
    public CacheKey(string modelSha256, string dataset, string datasetSha256, int count, string attack, string target, long seed, EngineInfo engine)
    {
        ModelSha256 = modelSha256;
        Dataset = dataset;
        DatasetSha256 = datasetSha256;
        Count = count;
        Attack = attack;
        Target = target;
        Seed = seed;
        Engine = engine;
    }

    /// <summary>The model's fingerprint: 64 lowercase hexadecimal digits.</summary>
    public string ModelSha256 { get; init => field = Sha256(value, nameof(ModelSha256)); }

    /// <summary>The data set's name.</summary>
    public string Dataset { get; init => field = NotEmpty(value, nameof(Dataset)); }

    /// <summary>SHA-256 of the evaluated images and labels: 64 lowercase hexadecimal digits.</summary>
    public string DatasetSha256 { get; init => field = Sha256(value, nameof(DatasetSha256)); }

    /// <summary>Images evaluated.</summary>
    public int Count
    {
        get;
        init => field = value >= 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(Count), value, $"cache key: field '{nameof(Count)}': expected at least 1 image, found {value}");
    }

    /// <summary>The attack's canonical text: name, preset and every effective parameter.</summary>
    public string Attack { get; init => field = NotEmpty(value, nameof(Attack)); }

    /// <summary>Target mode name.</summary>
    public string Target { get; init => field = NotEmpty(value, nameof(Target)); }

    /// <summary>Seed of random targets and starts.</summary>
    public long Seed { get; init; }

    /// <summary>Tool name and version, TorchSharp version and thread count.</summary>
    public EngineInfo Engine
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Engine));
            NotEmpty(value.Name, nameof(Engine) + "." + nameof(EngineInfo.Name));
            NotEmpty(value.Version, nameof(Engine) + "." + nameof(EngineInfo.Version));
            NotEmpty(value.TorchSharp, nameof(Engine) + "." + nameof(EngineInfo.TorchSharp));
            if (value.Threads < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Engine), value.Threads,
                    $"cache key: field 'Engine.Threads': expected a thread count of at least 1, found {value.Threads}");
            }
            field = value;
        }
    }

    /// <summary>
    /// The canonical one-line text of the key: <c>name=value</c> fields separated by single spaces, in a fixed order
    /// (modelSha256, dataset, datasetSha256, count, attack, target, seed, engine, engineVersion, torchSharp, threads).
    /// In values, '%', white space (spaces, line and paragraph separators) and control characters are written as %XX, their
    /// UTF-8 bytes (a lone surrogate as %uXXXX), so the text has one line and different keys never have the same text.
    /// Numbers are invariant-culture integers.
    /// </summary>
    public string Text => string.Join(" ", Fields().Select(f => f.Name + "=" + f.Value));

    /// <summary>SHA-256 of the UTF-8 bytes of <see cref="Text"/>, 64 lowercase hexadecimal digits: the entry's file name.</summary>
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));

    /// <summary>
    /// The key of an evaluation that is about to run: the first <paramref name="count"/> images of <paramref name="data"/>
    /// (all when null), exactly as <see cref="Evaluator.Run"/> takes them with <see cref="EvaluationOptions.Count"/>.
    /// </summary>
    /// <param name="modelSha256">The model's fingerprint (<c>IClassifier.Sha256</c>).</param>
    /// <param name="data">The whole image set handed to the evaluator.</param>
    /// <param name="count">The evaluation's image count (null: all).</param>
    /// <param name="attack">The attack's settings.</param>
    /// <param name="target">The target mode.</param>
    /// <param name="seed">The evaluation's seed.</param>
    /// <param name="engine">The engine, e.g. <c>EngineInfoFactory.Current(TorchRuntime.DefaultThreads)</c>.</param>
    public static CacheKey For(string modelSha256, ImageSet data, int? count, AttackSettings attack, TargetMode target, long seed, EngineInfo engine)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(attack);
        var evaluated = data.Take(count);
        return new CacheKey(modelSha256, evaluated.Name, evaluated.Sha256, evaluated.Count, attack.Key, TargetNames.Name(target), seed, engine);
    }

    /// <summary>The key a result belongs to, read from its recorded model, data, attack, target, seed and engine.</summary>
    public static CacheKey Of(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new CacheKey(result.Model.Sha256, result.Dataset.Name, result.Dataset.Sha256, result.Dataset.Count,
            AttackSettings.Canonical(result.Attack.Name, result.Attack.Preset, result.Attack.Parameters), result.Target, result.Seed, result.Engine);
    }

    /// <summary>
    /// Where two key texts differ, for messages: "field 'x': requested 'a', stored 'b'" for the first field that differs
    /// (with the given labels); null when the texts are equal.
    /// </summary>
    internal static string? Difference(string text, string other, string label = "requested", string otherLabel = "stored")
    {
        if (text == other)
            return null;
        var theirs = Split(other);
        foreach (var (name, value) in Split(text))
        {
            var found = theirs.FirstOrDefault(f => f.Name == name);
            if (found.Name is null)
                return $"field '{name}': {label} '{value}', {otherLabel} key has no such field ('{other}')";
            if (found.Value != value)
                return $"field '{name}': {label} '{value}', {otherLabel} '{found.Value}'";
        }
        return $"{label} '{text}', {otherLabel} '{other}'";
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private IEnumerable<(string Name, string Value)> Fields()
    {
        yield return ("modelSha256", ModelSha256);
        yield return ("dataset", Escape(Dataset));
        yield return ("datasetSha256", DatasetSha256);
        yield return ("count", Count.ToString(CultureInfo.InvariantCulture));
        yield return ("attack", Escape(Attack));
        yield return ("target", Escape(Target));
        yield return ("seed", Seed.ToString(CultureInfo.InvariantCulture));
        yield return ("engine", Escape(Engine.Name));
        yield return ("engineVersion", Escape(Engine.Version));
        yield return ("torchSharp", Escape(Engine.TorchSharp));
        yield return ("threads", Engine.Threads.ToString(CultureInfo.InvariantCulture));
    }

    private static List<(string Name, string Value)> Split(string text) =>
        text.Split(' ').Select(t => t.Split('=', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : "")).ToList();

    /// <summary>Percent-encodes the characters that would make the text ambiguous or multi-line.</summary>
    private static string Escape(string value)
    {
        var s = new StringBuilder(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out int used) != OperationStatus.Done)
            {
                // A lone surrogate has no UTF-8 form; its code unit keeps it apart from every other text.
                s.Append("%u").Append(((int)value[i]).ToString("X4", CultureInfo.InvariantCulture));
                i++;
                continue;
            }
            i += used;
            if (rune.Value != '%' && !Rune.IsControl(rune) && !Rune.IsWhiteSpace(rune))
            {
                s.Append(rune.ToString());
                continue;
            }
            int n = rune.EncodeToUtf8(utf8);
            for (int k = 0; k < n; k++)
                s.Append('%').Append(utf8[k].ToString("X2", CultureInfo.InvariantCulture));
        }
        return s.ToString();
    }

    private static string NotEmpty(string value, string field) =>
        !string.IsNullOrEmpty(value) ? value
            : throw new ArgumentException($"cache key: field '{field}': expected a non-empty text, found {(value is null ? "null" : "''")}", field);

    private static string Sha256(string value, string field) =>
        value is { Length: 64 } && value.All(char.IsAsciiHexDigitLower) ? value
            : throw new ArgumentException($"cache key: field '{field}': expected a SHA-256 as 64 lowercase hexadecimal digits, found '{value}'", field);
}
