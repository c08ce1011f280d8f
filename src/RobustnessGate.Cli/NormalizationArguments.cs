using RobustnessGate.Data;
using RobustnessGate.Models;

namespace RobustnessGate.Cli;

/// <summary>
/// --mean and --std, shared by evaluate, study, clever and transfer: a normalisation applied inside the model wrapper
/// (attacks, CLEVER and transfer still see [0, 1] pixels). Read before the data is loaded, checked against its channels after.
/// </summary>
internal sealed record NormalizationArguments(IReadOnlyList<float>? Mean, IReadOnlyList<float>? Std)
{
    /// <summary>Reads and checks the two options (both or neither, as many std values as mean values, finite, positive std).</summary>
    public static NormalizationArguments Read(CommandLine cl, DataArguments data)
    {
        var args = new NormalizationArguments(cl.Floats("mean"), cl.Floats("std"));
        if ((args.Mean is null) != (args.Std is null))
            throw new UsageException("--mean and --std go together");
        Check(args.Mean, args.Std, channels: null, images: data.Images);
        return args;
    }

    /// <summary>The normalisation for models on <paramref name="data"/> (one value, or one per channel), or null when not given.</summary>
    public Normalization? For(ImageSet data)
    {
        Check(Mean, Std, data.Channels, data.Name);
        return Mean is null ? null : new Normalization(Mean, Std!);
    }

    /// <summary>--mean and --std: as many std values as mean values, positive, and one value or one per channel of the images (when known).</summary>
    private static void Check(IReadOnlyList<float>? mean, IReadOnlyList<float>? std, int? channels, string images)
    {
        if (mean is null || std is null)
            return;
        if (mean.Count == 0)
            throw new UsageException("option --mean: expected comma-separated numbers, found none");
        if (std.Count != mean.Count)
            throw new UsageException($"option --std: expected {Values(mean.Count)} (as many as --mean), found {std.Count}");
        if (mean.Any(m => !float.IsFinite(m)))
            throw new UsageException($"option --mean: expected finite values, found [{string.Join(", ", mean.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]");
        if (Normalization.StdProblem(std) is { } stdProblem)
            throw new UsageException($"option --std: {stdProblem}");
        if (channels is { } c && Normalization.ChannelProblem(mean.Count, c, images) is { } channelProblem)
            throw new UsageException($"option --mean: {channelProblem}");
    }

    private static string Values(int n) => n == 1 ? "1 value" : $"{n} values";
}
