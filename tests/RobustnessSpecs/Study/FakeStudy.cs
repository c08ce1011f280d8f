using RobustnessGate.Study.Transferability;
using RobustnessGate.Evaluation;
using RobustnessGate.Metrics;
using RobustnessGate.Study;

namespace RobustnessSpecs.Study;

/// <summary>
/// A fixed, hand-written study of eight models in four families for tests and the report approval. The numbers are chosen
/// so that each analysis has a clear answer: cw L2 follows about 0.3 ln(err) + 2.6 plus family offsets, ifgsm Linf grows
/// with depth within VGG and ResNet by several standard errors, lenet has no successful ead example, and VGG examples
/// transfer across families more than any other family's.
/// </summary>
internal static class FakeStudy
{
    // name, family, series, depth, width, parameters, accuracy, cw L2, ead L1 (null = no success), ifgsm Linf
    private static readonly (string Name, string Family, string? Series, int Depth, double? Width, long Parameters, double Accuracy, double Cw, double? Ead, double Ifgsm)[] Rows =
    [
        ("vgg-11", "VGG", "vgg", 11, null, 2_000_000, 0.984, 1.31, 12.1, 0.120),
        ("vgg-13", "VGG", "vgg", 13, null, 2_600_000, 0.986, 1.27, 11.8, 0.126),
        ("resnet-8", "ResNet", "resnet", 8, null, 78_000, 0.975, 1.55, 14.0, 0.150),
        ("resnet-14", "ResNet", "resnet", 14, null, 175_000, 0.979, 1.50, 13.6, 0.156),
        ("resnet-20", "ResNet", "resnet", 20, null, 272_000, 0.982, 1.46, 13.1, 0.161),
        ("mlp-256", "MLP", "mlp", 2, 256, 203_530, 0.962, 1.59, 14.5, 0.140),
        ("mlp-512", "MLP", "mlp", 2, 512, 407_050, 0.968, 1.54, 14.1, 0.133),
        ("lenet", "LeNet", null, 4, null, 80_202, 0.9585, 1.65, null, 0.145),
    ];

    public static StudyResults Create(bool withTransfer = true) => new()
    {
        Description = "hand-made test study of eight invented models",
        Dataset = new StudyDataset("fake-digits", 500, "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12"),
        Engine = "RobustnessSpecs fake",
        Attacks =
        [
            new("cw", "untargeted", new Dictionary<string, string> { ["kappa"] = "0", ["steps"] = "1000", ["binary-steps"] = "9" }),
            new("ead", "untargeted", new Dictionary<string, string> { ["beta"] = "0.001" }),
            new("ifgsm", "untargeted", new Dictionary<string, string> { ["steps"] = "50", ["initial-epsilon"] = "0.02" }),
        ],
        Models = Rows.Select(r => new StudyModelInfo(r.Name, r.Family, r.Parameters, r.Accuracy, r.Series, r.Depth, r.Width)).ToList(),
        Cells =
        [
            .. Rows.Select(r => Cell(r.Name, "cw", Attacked(r.Accuracy), r.Cw, l2: true)),
            .. Rows.Select(r => Cell(r.Name, "ead", Attacked(r.Accuracy), r.Ead, l2: false)),
            .. Rows.Select(r => Cell(r.Name, "ifgsm", Attacked(r.Accuracy), r.Ifgsm, l2: false, linf: true)),
        ],
        Gallery = [new GalleryItem("vgg-11", "ifgsm", 3, 7, 1, [1, 4, 4], Enumerable.Repeat(0.5f, 16).ToList(), Enumerable.Range(0, 16).Select(i => i % 2 == 0 ? 0.62f : 0.38f).ToList())],
        Transfer = withTransfer ? Transfer() : null,
    };

    private static int Attacked(double accuracy) => (int)Math.Round(500 * accuracy);

    // One analysed norm per attack carries the row's value; the other norms get fixed multiples so every field is filled.
    // The standard deviation is a third of the mean for L1/L2 and 0.04 for Linf (standard error about 0.0018 at 490 successes).
    private static StudyCell Cell(string model, string attack, int attacked, double? value, bool l2, bool linf = false)
    {
        if (value is not { } v)
            return new StudyCell(model, attack, "untargeted", attacked, 0, DistortionStatistics.None);
        var (l1Mean, l2Mean, linfMean) = linf ? (v * 120, v * 9, v) : l2 ? (v * 11, v, v / 9) : (v, v / 11, v / 100);
        return new StudyCell(model, attack, "untargeted", attacked, attacked,
            new DistortionStatistics(new Summary(300, null, 310), S(l1Mean, l1Mean / 3), S(l2Mean, l2Mean / 3), S(linfMean, linf ? 0.04 : linfMean / 3)));
    }

    private static Summary S(double mean, double std) => new(mean, std, Math.Round(mean * 0.95, 6));

    private static List<TransferMatrixCell> Transfer()
    {
        var family = Rows.ToDictionary(r => r.Name, r => r.Family);
        var rate = new Dictionary<string, (double Within, double Cross)>
        {
            ["VGG"] = (0.70, 0.50), ["ResNet"] = (0.60, 0.20), ["MLP"] = (0.40, 0.30), ["LeNet"] = (0, 0.25),
        };
        return (from s in Rows
                from t in Rows
                where s.Name != t.Name
                let r = family[s.Name] == family[t.Name] ? rate[s.Family].Within : rate[s.Family].Cross
                select TransferMatrixCell.Of(s.Name, t.Name, "ifgsm", "untargeted", 200, (int)Math.Round(200 * r))).ToList();
    }
}
