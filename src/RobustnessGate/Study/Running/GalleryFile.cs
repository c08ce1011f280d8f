using System.Text.Json;
using RobustnessGate.Data;
using RobustnessGate.Evaluation;
using static TorchSharp.torch;
using RobustnessGate.Persistence;

namespace RobustnessGate.Study.Running;

/// <summary>Collects, writes and reads the gallery examples of a study cell (written before the cell's result, so a reusable cell has them).</summary>
internal static class GalleryFile
{
    public static void Capture(IReadOnlyList<int> indices, Tensor adversarial, Dictionary<int, float[]> captured, int limit)
    {
        int per = (int)(adversarial.numel() / Math.Max(1, adversarial.shape[0]));
        float[]? all = null;
        for (int k = 0; k < indices.Count && captured.Count < limit; k++)
        {
            all ??= adversarial.contiguous().data<float>().ToArray();
            captured[indices[k]] = all.AsSpan(k * per, per).ToArray();
        }
    }

    public static List<GalleryItem> Items(string model, string attack, ImageSet data, EvaluationResult result, Dictionary<int, float[]> captured)
    {
        var items = new List<GalleryItem>();
        foreach (var (index, adversarial) in captured.OrderBy(c => c.Key))
        {
            var e = result.Examples[index];
            if (!e.Success)
                continue;
            items.Add(new GalleryItem(model, attack, index, e.Label, e.AdversarialPrediction ?? e.Label,
                [data.Channels, data.Height, data.Width], data.Pixels(index).ToArray(), adversarial));
        }
        return items;
    }

    public static void Write(string path, List<GalleryItem> items) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(items, StudyJson.Options) + "\n");

    public static List<GalleryItem> Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<List<GalleryItem>>(File.ReadAllText(path), StudyJson.Options) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid gallery file ({e.Message}); delete it to recompute the cell", e);
        }
    }
}
