using RobustnessGate.Study.Transferability;
using RobustnessGate.Evaluation;
using RobustnessGate.Metrics;

namespace RobustnessGate.Study;

/// <summary>
/// A fixed, SYNTHETIC study of ten invented MNIST-scale models: every number comes from a formula below, none is measured
/// and none is the paper's. It exists to look at the report's layout (robustness-gate report --write-sample) and to
/// approval-test the report; its description says so, and so does every report made from it.
/// </summary>
public static class SampleStudy
{
    private static readonly (string Name, string Family, string? Series, int Depth, double? Width, long Parameters, double Accuracy, double Noise)[] Zoo =
    [
        ("mlp-256", "MLP", "mlp-width", 2, 256, 203_530, 0.962, 0.03),
        ("mlp-512", "MLP", "mlp-width", 2, 512, 407_050, 0.968, -0.02),
        ("lenet", "LeNet", null, 4, null, 80_202, 0.9585, 0.01),
        ("vgg-8", "VGG", "vgg-depth", 8, null, 1_200_000, 0.981, -0.04),
        ("vgg-11", "VGG", "vgg-depth", 11, null, 2_100_000, 0.984, 0.02),
        ("resnet-8", "ResNet", "resnet-depth", 8, null, 78_000, 0.975, 0.0),
        ("resnet-14", "ResNet", "resnet-depth", 14, null, 175_000, 0.979, -0.01),
        ("resnet-20", "ResNet", "resnet-depth", 20, null, 272_000, 0.982, 0.03),
        ("densenet-10", "DenseNet", "densenet-depth", 10, null, 95_000, 0.978, -0.03),
        ("densenet-16", "DenseNet", "densenet-depth", 16, null, 160_000, 0.983, 0.02),
    ];

    private static readonly Dictionary<string, double> FamilyOffset = new(StringComparer.Ordinal)
    {
        ["MLP"] = -0.08, ["LeNet"] = 0, ["VGG"] = -0.05, ["ResNet"] = 0.1, ["DenseNet"] = 0.06,
    };

    // (attack, main norm scale, success rate): distortions of a norm are the L2 value times a fixed ratio, so every norm
    // follows the same invented law d = 0.35 ln(err) + 2.9 + family offset + noise (+ 0.004 per layer).
    private static readonly (string Attack, double Scale, double SuccessRate)[] Attacks =
    [
        ("cw", 1.0, 1.0), ("ead", 1.1, 1.0), ("ifgsm", 1.3, 1.0), ("fgsm-sweep", 1.8, 0.9),
    ];

    /// <summary>The sample study; with <paramref name="includeTransfer"/>, invented ifgsm transfer rates are added.</summary>
    public static StudyResults Create(bool includeTransfer = false)
    {
        const int images = 500;
        var models = Zoo.Select(z => new StudyModelInfo(z.Name, z.Family, z.Parameters, z.Accuracy, z.Series, z.Depth, z.Width)).ToList();
        var cells = new List<StudyCell>();
        foreach (var (attack, scale, rate) in Attacks)
        {
            foreach (var z in Zoo)
            {
                int attacked = (int)Math.Round(images * z.Accuracy);
                int succeeded = (int)Math.Round(attacked * rate);
                double l2 = scale * (0.35 * Math.Log(1 - z.Accuracy) + 2.9 + FamilyOffset[z.Family] + z.Noise + 0.004 * z.Depth);
                cells.Add(new StudyCell(z.Name, attack, "untargeted", attacked, succeeded, new DistortionStatistics(
                    Summary(l2 * 40), Summary(l2 * 9), Summary(l2), Summary(l2 * 0.075))));
            }
        }
        return new StudyResults
        {
            Description = "SYNTHETIC sample study: invented numbers for checking the report layout, not measurements",
            Dataset = new StudyDataset("synthetic", images, new string('0', 64)),
            Engine = "RobustnessGate sample generator",
            Attacks = Attacks.Select(a => new StudyAttack(a.Attack, "untargeted", new Dictionary<string, string> { ["note"] = "invented" })).ToList(),
            Models = models,
            Cells = cells,
            Gallery = [Gallery("lenet", 0.08, 3), Gallery("vgg-11", 0.05, 2), Gallery("resnet-20", 0.11, 9)],
            Transfer = includeTransfer ? Transfer() : null,
        };
    }

    private static Summary Summary(double mean) => new(Math.Round(mean, 5), Math.Round(mean * 0.4, 5), Math.Round(mean * 0.95, 5));

    private static List<TransferMatrixCell> Transfer()
    {
        var family = Zoo.ToDictionary(z => z.Name, z => z.Family);
        var cells = new List<TransferMatrixCell>();
        foreach (var s in Zoo)
        {
            foreach (var t in Zoo.Where(t => t.Name != s.Name))
            {
                double rate = family[s.Name] == family[t.Name] ? 0.6 : s.Family == "VGG" ? 0.45 : 0.15;
                cells.Add(TransferMatrixCell.Of(s.Name, t.Name, "ifgsm", "untargeted", 400, (int)Math.Round(400 * (rate + s.Noise))));
            }
        }
        return cells;
    }

    // A seven drawn with two strokes, and a perturbation of +-epsilon whose sign pattern depends on the model.
    private static GalleryItem Gallery(string model, double epsilon, long prediction)
    {
        const int size = 28;
        var clean = new float[size * size];
        var adversarial = new float[size * size];
        for (int r = 0; r < size; r++)
        {
            for (int c = 0; c < size; c++)
            {
                bool top = r is >= 5 and <= 7 && c is >= 7 and <= 21;
                bool diagonal = r is >= 7 and <= 23 && Math.Abs(c - (21 - (r - 7) * 0.5)) <= 1.2;
                float v = top || diagonal ? 1f : 0f;
                double sign = Math.Sin(r * 0.9 + c * 1.7 + epsilon * 100) >= 0 ? 1 : -1;
                clean[r * size + c] = v;
                adversarial[r * size + c] = (float)Math.Clamp(v + sign * epsilon, 0, 1);
            }
        }
        return new GalleryItem(model, "ifgsm", 0, 7, prediction, [1, size, size], clean, adversarial);
    }
}
