using RobustnessGate.Runtime;
using static TorchSharp.torch;

namespace RobustnessGate.Attacks;

/// <summary>
/// Runs a binary-search attack (C&amp;W, EAD) as one part per configured libtorch thread: the examples are cut into
/// contiguous parts, and each part runs its own continuous batch on a thread of its own with libtorch on one thread.
/// Measured on 2 cores (LeNet forward+backward per image): one thread costs 0.25-0.29 ms per image at any batch size
/// from 4 to 100 images, while two threads on one batch cost 0.13 ms at 100 images but 0.21-0.23 ms at 16-48 and
/// 0.70 ms at 4, and the binary searches spend most of a run on part-filled batches (rows leave as examples finish).
/// The parts are fixed by position, never by timing, so results are the same on every run; an example's result differs
/// from the one-batch run only by batch-shape round-off, as between any two row counts (<see cref="AttackBatch.Rows"/>).
/// </summary>
internal static class ThreadParts
{
    /// <summary>
    /// Runs <paramref name="run"/> on <paramref name="batch"/> in as many parts as libtorch has threads (at most one
    /// per example), each part on its own thread with libtorch on one thread, and joins the outputs in example order
    /// (per-example values concatenated). With one thread, or one example, it calls <paramref name="run"/> directly.
    /// </summary>
    public static AttackOutput Run(AttackBatch batch, IProgress<AttackProgress>? progress, CancellationToken cancellationToken,
        Func<AttackBatch, IProgress<AttackProgress>?, CancellationToken, AttackOutput> run)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(run);
        int threads = get_num_threads();
        int parts = Math.Min(threads, batch.Count);
        if (parts <= 1)
            return run(batch, progress, cancellationToken);

        var ranges = Enumerable.Range(0, parts)
            .Select(p => (Start: (int)((long)batch.Count * p / parts), End: (int)((long)batch.Count * (p + 1) / parts)))
            .ToArray();
        int rowsPerPart = (batch.RowCapacity + parts - 1) / parts;
        var outputs = new AttackOutput?[parts];
        var errors = new Exception?[parts];
        var done = new long[parts];
        var total = new long[parts];
        var gate = new object();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = new Thread[parts];
        var views = new List<Tensor>(3 * parts);
        for (int p = 0; p < parts; p++)
        {
            int part = p;
            var (start, end) = ranges[part];
            var partBatch = batch with
            {
                Images = batch.Images.narrow(0, start, end - start),
                Labels = batch.Labels.narrow(0, start, end - start),
                Targets = batch.Targets?.narrow(0, start, end - start),
                Rows = rowsPerPart,
            };
            views.Add(partBatch.Images);
            views.Add(partBatch.Labels);
            if (partBatch.Targets is not null)
                views.Add(partBatch.Targets);
            IProgress<AttackProgress>? partProgress = progress is null ? null : new SynchronousProgress<AttackProgress>(value =>
            {
                lock (gate)
                {
                    done[part] = value.Done;
                    total[part] = value.Total;
                    progress.Report(new AttackProgress(done.Sum(), total.Sum(), value.Stage));
                }
            });
            workers[part] = new Thread(() =>
            {
                try
                {
                    set_num_threads(1);
                    outputs[part] = run(partBatch, partProgress, stop.Token);
                }
                catch (Exception e)
                {
                    errors[part] = e;
                    stop.Cancel();
                }
            })
            {
                IsBackground = true,
                Name = $"attack part {part + 1}/{parts}",
            };
        }
        try
        {
            int started = 0;
            try
            {
                foreach (var worker in workers)
                {
                    worker.Start();
                    started++;
                }
            }
            finally
            {
                // Every started part ends before anything below frees what it reads; a part that could not start stops
                // the others early.
                if (started < parts)
                    stop.Cancel();
                for (int p = 0; p < started; p++)
                    workers[p].Join();
                // set_num_threads is partly process-wide (the count new threads start with, MKL's count): give the
                // configured count back on this thread once every part has ended.
                set_num_threads(threads);
            }
            var failure = errors.FirstOrDefault(e => e is not null and not OperationCanceledException) ?? errors.FirstOrDefault(e => e is not null);
            if (failure is not null)
            {
                foreach (var output in outputs)
                    output?.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
            return Join(outputs!);
        }
        finally
        {
            // The parts' narrowed views of the caller's tensors (the caller keeps and disposes the tensors themselves);
            // Join has copied the outputs by then.
            foreach (var view in views)
                view.Dispose();
        }
    }

    private static AttackOutput Join(AttackOutput[] outputs)
    {
        var adversarial = cat(outputs.Select(o => o.Adversarial).ToArray(), 0);
        var values = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var key in outputs[0].PerExample.Keys)
            values[key] = outputs.SelectMany(o => o.PerExample[key]).ToArray();
        foreach (var output in outputs)
            output.Dispose();
        return new AttackOutput(adversarial, values);
    }
}
