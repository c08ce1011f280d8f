using System.Diagnostics;
using System.Globalization;

namespace RobustnessGate.Cli;

/// <summary>
/// A progress bar on standard error: redrawn in place on a terminal at most 10 times a second, or one line every
/// 10 % when the output is redirected (CI logs).
/// </summary>
internal sealed class ConsoleProgress
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private readonly bool _quiet;
    private long _lastDrawMs = -1000;
    private int _lastDecile = -1;
    private bool _drawn;

    public ConsoleProgress(bool quiet) => _quiet = quiet;

    public void Report(string label, double fraction, string detail)
    {
        if (_quiet)
            return;
        fraction = Math.Clamp(fraction, 0, 1);
        var elapsed = _watch.Elapsed.TotalSeconds;
        var eta = fraction > 0.01 ? elapsed * (1 - fraction) / fraction : double.NaN;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{label} [{Bar(fraction)}] {100 * fraction,5:F1} %  {elapsed,6:F1} s elapsed{(double.IsNaN(eta) ? "" : $", ~{eta:F0} s left")}  {detail}");
        if (_interactive)
        {
            if (_watch.ElapsedMilliseconds - _lastDrawMs < 100 && fraction < 1)
                return;
            _lastDrawMs = _watch.ElapsedMilliseconds;
            var width = Math.Max(40, SafeWidth() - 1);
            Console.Error.Write("\r" + (text.Length > width ? text[..width] : text.PadRight(width)));
            _drawn = true;
        }
        else
        {
            int decile = (int)(fraction * 10);
            if (decile == _lastDecile)
                return;
            _lastDecile = decile;
            Console.Error.WriteLine(text);
        }
    }

    public void Done()
    {
        if (_drawn)
            Console.Error.WriteLine();
        _drawn = false;
    }

    private static string Bar(double fraction)
    {
        const int width = 24;
        int full = (int)Math.Round(fraction * width);
        return new string('#', full) + new string('.', width - full);
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }
}
