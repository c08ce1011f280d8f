using System.Diagnostics;
using RobustnessGate.Attacks;
using RobustnessGate.Attacks.CarliniWagner;
using RobustnessGate.Data;
using Xunit;
using Xunit.Abstractions;

namespace RobustnessSpecs.Attacks;

public sealed class ScratchSpecs(ITestOutputHelper output)
{
    [Fact]
    public void Scratch()
    {
        using var lm = new LinearModel();
        var data = BuiltInData.Load(BuiltInData.TestName).Take(4);
        var oracle = lm.Oracle;
        output.WriteLine($"exact {string.Join(",", Enumerable.Range(0, 4).Select(i => oracle.Untargeted(data.Pixels(i), data.Labels[i]).L2.ToString("F4")))}");
        foreach (var (name, o) in new[] { ("tf", new CwOptions(LearningRate: 0.01, InitialConst: 0.001, Adam: CwAdam.TensorFlow)), ("tf-noabort", new CwOptions(LearningRate: 0.01, InitialConst: 0.001, AbortEarly: false, Adam: CwAdam.TensorFlow)) })
        {
            var sw = Stopwatch.StartNew();
            var attack = new CwAttack(o);
            using var x = data.ImagesTensor();
            using var y = data.LabelsTensor();
            using var outp = attack.Run(new AttackBatch(lm.Classifier, x, y, null, 1));
            var d = (outp.Adversarial - x).abs();
            var zeroMoved = d.gt(1e-3).logical_and(x.eq(0)).sum().item<long>();
            var l2 = (outp.Adversarial - x).flatten(1).norm(1, false, 2).data<float>().ToArray();
            output.WriteLine($"{name}: {sw.ElapsedMilliseconds} ms zeroMoved {zeroMoved} l2 {string.Join(",", l2)}");
        }
    }
}
