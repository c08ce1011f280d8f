using FluentAssertions;
using RobustnessGate.Attacks;
using RobustnessGate.Attacks.CarliniWagner;
using RobustnessGate.Attacks.Ead;
using RobustnessGate.Models;
using RobustnessGate.Runtime;
using RobustnessSpecs.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace RobustnessSpecs.Attacks;

/// <summary>
/// <see cref="CallThreads"/>: C&amp;W and EAD run an iteration on one thread when its rows are too few for a second
/// thread to pay off. The choice is counted from the model, so it is the same on every machine, and the thread count the
/// caller configured is back in place however the attack ends.
/// </summary>
public sealed class CallThreadsSpecs
{
    /// <summary>
    /// LeNet's count is the one <c>study --list-shards</c> prints (1,116,416 multiply-adds, 4 layer calls): one thread up
    /// to 10 rows (11.2 M multiply-adds against 4 x 3 M), two from 11 rows (12.3 M). densenet-22 (11,159,592, 52 layer
    /// calls): up to 13 rows.
    /// </summary>
    [Theory]
    [InlineData("lenet", 1_116_416L, 4, 10)]
    [InlineData("densenet-22", 11_159_592L, 52, 13)]
    public void The_rows_that_run_on_one_thread_are_counted_from_the_models_work(string name, long multiplyAdds, int layers, int lastOneThreadRows)
    {
        using var model = ModelLoader.LoadBuiltIn(KnownModels.Find(name)!);
        using var images = zeros(1, 1, 28, 28);
        ModelWork.Measure(model, 1, 28, 28).Should().Be((multiplyAdds, layers));
        var threads = new CallThreads(model, images);
        threads.OneThread(1).Should().BeTrue();
        threads.OneThread(lastOneThreadRows).Should().BeTrue();
        threads.OneThread(lastOneThreadRows + 1).Should().BeFalse();
        threads.OneThread(100).Should().BeFalse("a full batch of 100 keeps every configured thread");
    }

    [Fact]
    public void The_one_thread_scope_restores_the_configured_count_and_its_default_changes_nothing()
    {
        try
        {
            TorchRuntime.Configure(2);
            using (TorchRuntime.OneThread())
                get_num_threads().Should().Be(1);
            get_num_threads().Should().Be(2);
            using (default(TorchRuntime.OneThreadScope))
                get_num_threads().Should().Be(2);
            get_num_threads().Should().Be(2);
            TorchRuntime.Configure(1);
            using (TorchRuntime.OneThread())
                get_num_threads().Should().Be(1);
            get_num_threads().Should().Be(1);
        }
        finally
        {
            TorchRuntime.Configure();
        }
    }

    /// <summary>
    /// 12 LeNet digits on two configured threads run as two parts of 6 on threads of their own, libtorch on one thread
    /// each (ThreadParts). Two runs give the same images, bit for bit (the parts are fixed by position, not by timing),
    /// and the configured thread count is back after a finished run and after a run cancelled midway.
    /// </summary>
    [Theory]
    [InlineData("cw")]
    [InlineData("ead")]
    public void An_attack_run_in_thread_parts_is_repeatable_and_leaves_the_thread_count_as_it_found_it(string key)
    {
        TorchRuntime.Configure(2);
        using var model = ModelLoader.LoadBuiltIn(KnownModels.LeNet);
        var data = TestModels.MnistTest;
        using var x = data.ImagesTensor(0, 12);
        using var y = data.LabelsTensor(0, 12);
        var attack = ShortSearch(key);
        var batch = new AttackBatch(model, x, y, null, 77);

        using var first = attack.Run(batch);
        get_num_threads().Should().Be(2);
        using var second = attack.Run(batch);
        get_num_threads().Should().Be(2);
        first.Adversarial.equal(second.Adversarial).all().item<bool>().Should().BeTrue("the thread count of each call is decided by counting, not timing");

        using var cancel = new CancellationTokenSource();
        int reports = 0;
        var act = () => attack.Run(batch, new SynchronousProgress<AttackProgress>(_ =>
        {
            if (++reports == 3)
                cancel.Cancel();
        }), cancel.Token);
        act.Should().Throw<OperationCanceledException>();
        get_num_threads().Should().Be(2, "a cancelled attack must not leave libtorch on one thread");
    }

    /// <summary>
    /// Each part is exactly the attack run alone on its examples with libtorch on one thread: the same batch shapes on the
    /// same thread count, so equality is asserted (images and per-example values).
    /// </summary>
    [Theory]
    [InlineData("cw")]
    [InlineData("ead")]
    public void Each_thread_part_gives_exactly_the_one_thread_run_of_its_examples(string key)
    {
        using var model = ModelLoader.LoadBuiltIn(KnownModels.LeNet);
        var data = TestModels.MnistTest;
        using var x = data.ImagesTensor(0, 12);
        using var y = data.LabelsTensor(0, 12);
        var attack = ShortSearch(key);
        try
        {
            TorchRuntime.Configure(2);
            using var parts = attack.Run(new AttackBatch(model, x, y, null, 77));
            TorchRuntime.Configure(1);
            using var first = attack.Run(new AttackBatch(model, x.narrow(0, 0, 6), y.narrow(0, 0, 6), null, 77));
            using var second = attack.Run(new AttackBatch(model, x.narrow(0, 6, 6), y.narrow(0, 6, 6), null, 77));
            using var alone = cat([first.Adversarial, second.Adversarial], 0);
            parts.Adversarial.equal(alone).all().item<bool>().Should().BeTrue();
            foreach (var (name, values) in parts.PerExample)
                values.Should().Equal(first.PerExample[name].Concat(second.PerExample[name]), name);
        }
        finally
        {
            TorchRuntime.Configure();
        }
    }

    /// <summary>C&amp;W or EAD with 3 binary steps of 100 iterations: seconds on 12 LeNet digits.</summary>
    private static IAttack ShortSearch(string key) => key == "cw"
        ? new CwAttack(new CwOptions(BinarySteps: 3, Iterations: 100))
        : new EadAttack(new EadOptions(BinarySteps: 3, Iterations: 100));
}
