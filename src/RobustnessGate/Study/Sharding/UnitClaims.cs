namespace RobustnessGate.Study.Sharding;

/// <summary>
/// The claims of one set of <see cref="StudyWorkers"/>: a file per queue position, created with create-new semantics
/// (O_CREAT | O_EXCL), which the file system grants to exactly one process (or thread) however many try at once.
/// </summary>
internal sealed class UnitClaims(string folder, int worker)
{
    private readonly string _folder = Directory.CreateDirectory(folder).FullName;

    /// <summary>True when this call created the claim of <paramref name="position"/>; false when someone had claimed it.</summary>
    public bool TryClaim(int position)
    {
        var path = Path.Combine(_folder, position.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var claim = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            claim.Write(System.Text.Encoding.ASCII.GetBytes($"worker {worker}\n"));
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }
}
