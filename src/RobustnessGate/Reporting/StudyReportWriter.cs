using RobustnessGate.Study;
using RobustnessGate.Study.Analysis;
using RobustnessGate.Persistence;

namespace RobustnessGate.Reporting;

/// <summary>Writes report.md, report.html and plots/*.png for a study into one folder.</summary>
public static class StudyReportWriter
{
    /// <summary>Renders <paramref name="study"/> with its <paramref name="analysis"/> into report files; returns their paths.</summary>
    public static IReadOnlyList<string> Write(StudyResults study, StudyAnalysis analysis, string directory)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var plots = StudyPlots.RenderAll(study, analysis);
        var written = new List<string>();
        foreach (var (relative, png) in plots)
        {
            var path = Path.Combine(directory, relative);
            AtomicFile.WriteAllBytes(path, png);
            written.Add(path);
        }
        var md = Path.Combine(directory, "report.md");
        AtomicFile.WriteAllText(md, StudyReport.Markdown(study, analysis));
        var html = Path.Combine(directory, "report.html");
        AtomicFile.WriteAllText(html, StudyReport.Html(study, analysis, plots));
        return [md, html, .. written];
    }
}
