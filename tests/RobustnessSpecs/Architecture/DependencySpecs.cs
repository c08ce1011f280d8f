using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;
using RobustnessSpecs.TestSupport;
using Xunit;

namespace RobustnessSpecs.Architecture;

/// <summary>
/// The library's folders use only what the table "| Folder | May use |" in docs/architecture.md allows, and that table is
/// acyclic and complete. A use is a using directive, a fully qualified RobustnessGate.X name, or a name qualified from the
/// shared root namespace (Runtime.TorchRuntime), found in code with comments and string literals removed.
/// </summary>
public sealed class DependencySpecs
{
    private static readonly string Library = Path.Combine(Paths.RepositoryRoot, "src", "RobustnessGate");
    private static readonly string Document = Path.Combine(Paths.RepositoryRoot, "docs", "architecture.md");

    private static readonly Regex Qualified = new(@"(?<![\w.])(?:global::)?RobustnessGate\.(?<folder>\w+)", RegexOptions.CultureInvariant);
    private static readonly Regex UsingLine = new(@"^\s*(?:global\s+)?using\b", RegexOptions.CultureInvariant);
    private static readonly Regex NamespaceLine = new(@"^\s*namespace\s+(?<name>[\w.]+)", RegexOptions.CultureInvariant);
    private static readonly Regex TypeDeclaration = new(@"\b(?:class|struct|interface|enum|record)\s+(?<name>\w+)", RegexOptions.CultureInvariant);

    [Fact]
    public void Every_folder_uses_only_the_folders_the_architecture_document_allows()
    {
        var allowed = ReadTable();
        var files = LibraryFiles().ToList();
        var declared = DeclaredNames(files);
        var relative = new Regex(@"(?<![\w.])(?<folder>" + string.Join("|", declared.Keys.Select(Regex.Escape)) + @")\.(?<name>\w+)",
            RegexOptions.CultureInvariant);

        var violations = new List<string>();
        foreach (var file in files)
        {
            var folder = TopFolder(file);
            var lines = CSharpCode.WithoutCommentsAndLiterals(File.ReadAllText(file)).Split('\n');
            for (int n = 0; n < lines.Length; n++)
            {
                var line = lines[n];
                if (NamespaceLine.IsMatch(line))
                    continue;
                var uses = Qualified.Matches(line)
                    .Select(m => (Used: m.Groups["folder"].Value, How: UsingLine.IsMatch(line) ? "using" : "qualified name"))
                    .Concat(relative.Matches(line)
                        .Where(m => declared[m.Groups["folder"].Value].Contains(m.Groups["name"].Value))
                        .Select(m => (Used: m.Groups["folder"].Value, How: "name qualified from the root namespace")));
                foreach (var (used, how) in uses.Distinct())
                {
                    if (used == folder || (allowed.TryGetValue(folder, out var may) && may.Contains(used)))
                        continue;
                    violations.Add($"{Relative(file)}:{n + 1}: {Show(folder)} -> {used} ({how}: {line.Trim()})");
                }
            }
        }

        string.Join("\n", violations).Should().BeEmpty("docs/architecture.md allows only the uses in its table (a folder missing from it may use nothing)");
    }

    [Fact]
    public void The_allowed_dependencies_form_no_cycle()
    {
        var allowed = ReadTable();
        var state = allowed.Keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal); // 0 unvisited, 1 on the path, 2 done
        var path = new List<string>();
        var cycles = new List<string>();

        void Visit(string folder)
        {
            state[folder] = 1;
            path.Add(folder);
            foreach (var next in allowed[folder].Order(StringComparer.Ordinal))
            {
                if (!state.TryGetValue(next, out var s))
                    continue; // an unknown name; the completeness spec reports it
                if (s == 1)
                    cycles.Add(string.Join(" -> ", path.Skip(path.IndexOf(next)).Append(next)));
                else if (s == 0)
                    Visit(next);
            }
            path.RemoveAt(path.Count - 1);
            state[folder] = 2;
        }

        foreach (var folder in allowed.Keys.Order(StringComparer.Ordinal))
        {
            if (state[folder] == 0)
                Visit(folder);
        }

        cycles.Should().BeEmpty("the folders of src/RobustnessGate must form layers (docs/architecture.md, Rules)");
    }

    [Fact]
    public void Every_library_folder_is_in_the_table_and_the_table_names_only_library_folders()
    {
        var allowed = ReadTable();
        var files = LibraryFiles().ToList();
        var folders = files.Select(TopFolder).Where(f => f.Length > 0).ToHashSet(StringComparer.Ordinal);

        folders.Except(allowed.Keys).Should().BeEmpty("every folder of src/RobustnessGate needs a row in docs/architecture.md");
        allowed.Keys.Except(folders).Should().BeEmpty("every row of the table must be a folder of src/RobustnessGate");
        allowed.SelectMany(r => r.Value.Where(u => !allowed.ContainsKey(u)).Select(u => $"{r.Key} -> {u}"))
            .Should().BeEmpty("a row may only name folders that have rows themselves");
        files.Where(f => TopFolder(f).Length == 0).Select(Relative)
            .Should().BeEmpty("code at the root of src/RobustnessGate belongs to no folder, so no rule covers it");
    }

    [Fact]
    public void Every_library_file_declares_the_namespace_of_its_folder()
    {
        // The rules are per folder; a file that declared another folder's namespace would use that folder's types unseen.
        var wrong = new List<string>();
        foreach (var file in LibraryFiles())
        {
            var folder = Path.GetDirectoryName(Path.GetRelativePath(Library, file))!;
            var expected = "RobustnessGate" + (folder.Length == 0 ? "" : "." + folder.Replace(Path.DirectorySeparatorChar, '.'));
            var declared = CSharpCode.WithoutCommentsAndLiterals(File.ReadAllText(file)).Split('\n')
                .Select(l => NamespaceLine.Match(l)).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToList();
            if (declared.Count != 1 || declared[0] != expected)
                wrong.Add($"{Relative(file)}: namespace {string.Join(", ", declared)}; expected {expected}");
        }

        wrong.Should().BeEmpty("namespaces are folders");
    }

    /// <summary>The table "| Folder | May use |": folder -> the folders it may use.</summary>
    private static Dictionary<string, HashSet<string>> ReadTable()
    {
        File.Exists(Document).Should().BeTrue($"{Document} holds the allowed dependencies");
        var lines = File.ReadAllLines(Document);
        var header = Array.FindIndex(lines, l => Regex.IsMatch(l, @"^\|\s*Folder\s*\|\s*May use\s*\|\s*$", RegexOptions.CultureInvariant));
        header.Should().BeGreaterThanOrEqualTo(0, "docs/architecture.md must contain a table headed '| Folder | May use |'");
        lines[header + 1].Should().MatchRegex(@"^\|\s*:?-+:?\s*\|\s*:?-+:?\s*\|\s*$", "a Markdown separator row follows the header");

        var table = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(header + 2).TakeWhile(l => l.TrimStart().StartsWith('|')))
        {
            var cells = line.Trim().Trim('|').Split('|');
            cells.Should().HaveCount(2, $"each row has a folder and the folders it may use: '{line}'");
            var folder = Name(cells[0]);
            var uses = cells[1].Split(',').Select(Name).Where(u => u.Length > 0 && u is not ("—" or "-" or "none" or "(none)"));
            table.TryAdd(folder, uses.ToHashSet(StringComparer.Ordinal)).Should().BeTrue($"'{folder}' has one row");
        }
        table.Should().NotBeEmpty("the table lists the library's folders");
        return table;
    }

    private static string Name(string cell) => cell.Trim().Trim('`').Trim();

    private static IEnumerable<string> LibraryFiles() =>
        Directory.EnumerateFiles(Library, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(Library, f).Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    /// <summary>The folder directly under src/RobustnessGate holding <paramref name="file"/>; empty at the root.</summary>
    private static string TopFolder(string file)
    {
        var parts = Path.GetRelativePath(Library, file).Split(Path.DirectorySeparatorChar);
        return parts.Length > 1 ? parts[0] : "";
    }

    private static string Show(string folder) => folder.Length == 0 ? "(root)" : folder;

    private static string Relative(string file) => Path.GetRelativePath(Paths.RepositoryRoot, file).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Per top folder, the names a root-qualified reference can continue with: its types and sub-namespaces.</summary>
    private static Dictionary<string, HashSet<string>> DeclaredNames(IEnumerable<string> files)
    {
        var names = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var folder = TopFolder(file);
            if (folder.Length == 0)
                continue;
            if (!names.TryGetValue(folder, out var set))
                names[folder] = set = new HashSet<string>(StringComparer.Ordinal);
            var parts = Path.GetRelativePath(Library, file).Split(Path.DirectorySeparatorChar);
            if (parts.Length > 2)
                set.Add(parts[1]);
            foreach (Match m in TypeDeclaration.Matches(CSharpCode.WithoutCommentsAndLiterals(File.ReadAllText(file))))
                set.Add(m.Groups["name"].Value);
        }
        return names;
    }
}

/// <summary>C# source with comments and the text of string and character literals blanked (line breaks kept).</summary>
internal static class CSharpCode
{
    public static string WithoutCommentsAndLiterals(string source)
    {
        var output = new StringBuilder(source.Length);
        int i = 0;
        Code(source, ref i, output, inHole: false);
        return output.ToString();
    }

    /// <summary>Copies code up to the end, or in an interpolation hole up to its closing brace (left unread).</summary>
    private static void Code(string s, ref int i, StringBuilder o, bool inHole)
    {
        int depth = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '/' && At(s, i + 1) == '/')
            {
                while (i < s.Length && s[i] != '\n')
                    Blank(s, ref i, o);
            }
            else if (c == '/' && At(s, i + 1) == '*')
            {
                Blank(s, ref i, o);
                Blank(s, ref i, o);
                while (i < s.Length && !(s[i] == '*' && At(s, i + 1) == '/'))
                    Blank(s, ref i, o);
                Blank(s, ref i, o);
                Blank(s, ref i, o);
            }
            else if (c == '\'')
            {
                Blank(s, ref i, o);
                while (i < s.Length && s[i] != '\'' && s[i] != '\n')
                {
                    if (s[i] == '\\')
                        Blank(s, ref i, o);
                    Blank(s, ref i, o);
                }
                Blank(s, ref i, o);
            }
            else if (StringStart(s, i) is { } prefix)
            {
                StringLiteral(s, ref i, o, prefix);
            }
            else
            {
                if (inHole && c == '{')
                    depth++;
                if (inHole && c == '}' && depth-- == 0)
                    return;
                o.Append(c);
                i++;
            }
        }
    }

    /// <summary>The number of '$' and '@' characters before a '"' starting at <paramref name="i"/>, or null.</summary>
    private static int? StringStart(string s, int i)
    {
        int j = i;
        while (j < s.Length && s[j] is '$' or '@')
            j++;
        return At(s, j) == '"' ? j - i : null;
    }

    private static void StringLiteral(string s, ref int i, StringBuilder o, int prefixLength)
    {
        var prefix = s.Substring(i, prefixLength);
        bool interpolated = prefix.Contains('$'), verbatim = prefix.Contains('@');
        for (int k = 0; k < prefixLength; k++)
            Blank(s, ref i, o);
        int quotes = 0;
        while (At(s, i + quotes) == '"')
            quotes++;
        if (quotes >= 3)
        {
            // A raw string literal ends at the next run of as many quotes (its interpolation holes are blanked too).
            var close = new string('"', quotes);
            for (int k = 0; k < quotes; k++)
                Blank(s, ref i, o);
            while (i < s.Length && string.CompareOrdinal(s, i, close, 0, quotes) != 0)
                Blank(s, ref i, o);
            for (int k = 0; k < quotes && i < s.Length; k++)
                Blank(s, ref i, o);
            return;
        }
        Blank(s, ref i, o);
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '"' && verbatim && At(s, i + 1) == '"')
            {
                Blank(s, ref i, o);
                Blank(s, ref i, o);
            }
            else if (c == '"')
            {
                Blank(s, ref i, o);
                return;
            }
            else if (c == '\\' && !verbatim)
            {
                Blank(s, ref i, o);
                Blank(s, ref i, o);
            }
            else if (interpolated && (c == '{' || c == '}') && At(s, i + 1) == c)
            {
                Blank(s, ref i, o);
                Blank(s, ref i, o);
            }
            else if (interpolated && c == '{')
            {
                Blank(s, ref i, o);
                Code(s, ref i, o, inHole: true);
                Blank(s, ref i, o);
            }
            else
            {
                Blank(s, ref i, o);
            }
        }
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static void Blank(string s, ref int i, StringBuilder o)
    {
        if (i >= s.Length)
            return;
        o.Append(s[i] == '\n' ? '\n' : ' ');
        i++;
    }
}
