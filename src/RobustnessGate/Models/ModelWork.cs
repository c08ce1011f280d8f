using static TorchSharp.torch;

namespace RobustnessGate.Models;

/// <summary>How much work a model does per image, counted rather than timed, so the same on every machine.</summary>
public static class ModelWork
{
    /// <summary>
    /// Multiply-adds of one forward pass of one image of C x H x W, and the leaf modules it calls: a
    /// shape trace with forward hooks on every leaf module; each whose weight has at least 2 dimensions (convolutions and
    /// linear layers) adds output elements x weight elements per output channel. A model without such hooks (a
    /// TorchScript file) counts its parameters instead, exact for a fully connected network and an underestimate for a
    /// convolutional one, and one layer per weight tensor.
    /// </summary>
    public static (long MultiplyAdds, int Layers) Measure(IClassifier model, long channels, long height, long width)
    {
        ArgumentNullException.ThrowIfNull(model);
        long total = 0;
        int layers = 0;
        long parameters = 0;
        int weights = 0;
        var removers = new List<Action>();
        if (model is ModuleClassifier m)
        {
            parameters = m.Module.parameters().Sum(p => p.numel());
            weights = m.Module.named_parameters().Count(p => p.name.EndsWith("weight", StringComparison.Ordinal));
            foreach (var module in m.Module.modules())
            {
                if (module is not nn.Module<Tensor, Tensor> leaf || module.children().Any())
                    continue;
                var weight = module.named_parameters().Where(p => p.name == "weight").Select(p => p.parameter).FirstOrDefault();
                long perOutput = weight is not null && weight.dim() >= 2 ? weight.numel() / weight.shape[0] : 0;
                var remover = leaf.register_forward_hook((_, _, output) =>
                {
                    layers++;
                    total += output.numel() * perOutput;
                    return output;
                });
                removers.Add(remover.remove);
            }
        }
        try
        {
            using var scope = NewDisposeScope();
            using var guard = no_grad();
            model.Logits(zeros(1, channels, height, width));
        }
        finally
        {
            foreach (var remove in removers)
                remove();
        }
        return total > 0 ? (total, layers) : (Math.Max(1, parameters), Math.Max(1, weights));
    }
}
