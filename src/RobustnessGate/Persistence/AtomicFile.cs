using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RobustnessGate.Persistence;

/// <summary>
/// Writes files so that readers see either the old or the complete new content, never a partial file. The temporary file
/// is <c>.&lt;name&gt;.&lt;process id&gt;.&lt;guid&gt;.tmp</c> beside the target; a process killed between writing and renaming
/// leaves it behind, and <see cref="RemoveStaleTemporaries"/> removes those whose process is gone.
/// </summary>
public static class AtomicFile
{
    /// <summary>A temporary name beside <paramref name="path"/>, unique to this process and call, that <see cref="RemoveStaleTemporaries"/> recognises.</summary>
    public static string TemporaryPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>
    /// Deletes the temporary files of <see cref="TemporaryPath"/> in <paramref name="directory"/> and below whose writing
    /// process no longer runs (killed before its rename). Temporaries of live processes, this one included, are kept, so
    /// a second process writing into the same folder is never disturbed. Returns how many files were deleted.
    /// </summary>
    public static int RemoveStaleTemporaries(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
            return 0;
        int removed = 0;
        foreach (var file in Directory.EnumerateFiles(directory, ".*.tmp", SearchOption.AllDirectories))
        {
            if (WriterId(Path.GetFileName(file)) is not { } pid || Running(pid))
                continue;
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (IOException)
            {
                // Gone already, or in use: either way not ours to insist on.
            }
        }
        return removed;
    }

    /// <summary>The process id in <c>.&lt;name&gt;.&lt;pid&gt;.&lt;32 hex digits&gt;.tmp</c>, or null for any other name.</summary>
    private static int? WriterId(string name)
    {
        var parts = name.Split('.');
        if (parts.Length < 5 || parts[0].Length != 0 || parts[^1] != "tmp" || parts[^2].Length != 32 || !parts[^2].All(char.IsAsciiHexDigit))
            return null;
        return int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    private static bool Running(int pid)
    {
        if (pid == Environment.ProcessId)
            return true;
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Writes <paramref name="content"/> (UTF-8, no BOM) to a temporary file beside the target, then renames it over the target.</summary>
    public static void WriteAllText(string path, string content) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(content));

    /// <summary>Writes bytes atomically (temporary file in the same folder, flushed, then renamed).</summary>
    public static void WriteAllBytes(string path, byte[] content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(content);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = TemporaryPath(full);
        try
        {
            using (var f = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                f.Write(content);
                f.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp))
                File.Delete(tmp);
        }
    }
}
