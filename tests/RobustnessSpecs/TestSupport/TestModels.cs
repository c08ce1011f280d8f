using RobustnessGate.Data;
using RobustnessGate.Models;

namespace RobustnessSpecs.TestSupport;

/// <summary>Models and data shared by the specs.</summary>
public static class TestModels
{
    private static readonly Lazy<ImageSet> Test = new(() => BuiltInData.Load(BuiltInData.TestName));

    public static ImageSet MnistTest => Test.Value;

    /// <summary>
    /// A 784 -> 10 linear classifier with fixed weights: W = mean digit image of each class minus the overall mean (from the
    /// first 2,000 train images), and b = 0. A simple template matcher that classifies most digits correctly,
    /// with margins of realistic size, and whose weights are exactly reproducible (no training).
    /// </summary>
    public static (float[,] W, float[] B) LinearWeights()
    {
        var train = BuiltInData.Load(BuiltInData.TrainName).Take(2000);
        int d = train.ElementsPerImage;
        var sums = new double[10, d];
        var counts = new int[10];
        var all = new double[d];
        for (int i = 0; i < train.Count; i++)
        {
            int y = (int)train.Labels[i];
            counts[y]++;
            var p = train.Pixels(i);
            for (int j = 0; j < d; j++)
            {
                sums[y, j] += p[j];
                all[j] += p[j];
            }
        }
        var w = new float[10, d];
        for (int k = 0; k < 10; k++)
        {
            for (int j = 0; j < d; j++)
                w[k, j] = (float)(sums[k, j] / counts[k] - all[j] / train.Count);
        }
        return (w, new float[10]);
    }

    public static ModuleClassifier Linear()
    {
        var (w, b) = LinearWeights();
        return new ModuleClassifier("linear", new LinearModule(w, b), new InputShape(1, 28, 28));
    }
}
