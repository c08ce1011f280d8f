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
        Commands.EvaluateCommand.CheckNormalization(args.Mean, args.Std, channels: null, images: data.Images);
        return args;
    }

    /// <summary>The normalisation for models on <paramref name="data"/> (one value, or one per channel), or null when not given.</summary>
    public Normalization? For(ImageSet data)
    {
        Commands.EvaluateCommand.CheckNormalization(Mean, Std, data.Channels, data.Name);
        return Mean is null ? null : new Normalization(Mean, Std!);
    }
}
