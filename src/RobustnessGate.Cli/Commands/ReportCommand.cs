using RobustnessGate.Attacks;
using RobustnessGate.Reporting;
using RobustnessGate.Study;
using RobustnessGate.Study.Analysis;

namespace RobustnessGate.Cli.Commands;

/// <summary>robustness-gate report: study.json in, report.md + report.html + plots/*.png out.</summary>
internal static class ReportCommand
{
    public const string Help = """
        robustness-gate report --study <study.json> --out <dir> [--norm attack=L2,attack=Linf,..]
        robustness-gate report --write-sample <study.json> [--with-transfer]

          --study          study results (camelCase JSON of RobustnessGate.Study.StudyResults, written by the study runner)
          --out            folder for report.md, report.html (self-contained) and plots/*.png
          --norm           distortion norm analysed per attack (L0, L1, L2, Linf); default cw=L2, ead=L1,
                           ifgsm=Linf, fgsm-sweep=Linf, fgsm=Linf, pgd=Linf, others L2
          --write-sample   write a SYNTHETIC study (invented numbers) to look at the report layout
          --with-transfer  include invented transfer rates in the sample
        """;

    public static int Run(CommandLine cl)
    {
        var sample = cl.String("write-sample");
        if (sample is not null)
        {
            bool transfer = cl.Flag("with-transfer");
            cl.EnsureEmpty("report --write-sample");
            StudyJson.Write(sample, SampleStudy.Create(transfer));
            Console.WriteLine($"sample study (synthetic numbers) written to {sample}");
            return 0;
        }
        var studyPath = cl.Required("study", "the study.json to report on");
        var outDir = cl.Required("out", "the folder for the report");
        var options = Options(cl.String("norm"));
        cl.EnsureEmpty("report");
        var study = StudyJson.Read(studyPath);
        var files = StudyReportWriter.Write(study, StudyAnalysis.Of(study, options), outDir);
        foreach (var f in files)
            Console.WriteLine(f);
        return 0;
    }

    private static AnalysisOptions Options(string? norms)
    {
        var defaults = AnalysisOptions.Default;
        if (norms is null)
            return defaults;
        var map = new Dictionary<string, Norm>(defaults.NormPerAttack, StringComparer.OrdinalIgnoreCase);
        foreach (var pair in norms.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || !Enum.TryParse<Norm>(parts[1], ignoreCase: true, out var norm) || !Enum.IsDefined(norm))
                throw new UsageException($"option --norm: '{pair}' is not attack=norm with norm one of L0, L1, L2, Linf");
            map[parts[0]] = norm;
        }
        return defaults with { NormPerAttack = map };
    }
}
