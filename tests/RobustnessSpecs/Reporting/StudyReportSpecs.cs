using System.Text.RegularExpressions;
using ApprovalTests;
using ApprovalTests.Reporters;
using FluentAssertions;
using RobustnessGate.Reporting;
using RobustnessGate.Study;
using RobustnessGate.Study.Analysis;
using RobustnessSpecs.Study;
using SkiaSharp;
using Xunit;

namespace RobustnessSpecs.Reporting;

[UseReporter(typeof(QuietReporter))]
public class StudyReportSpecs
{
    // ApprovalTests writes *.received.txt with a UTF-8 byte order mark; the approved file is committed without one (LF, no
    // BOM) and the comparison ignores it. To approve a reviewed change: strip the BOM and rename received to approved.
    [Fact]
    public void The_markdown_report_of_the_fake_study_matches_the_approved_text()
    {
        var study = FakeStudy.Create();

        Approvals.Verify(StudyReport.Markdown(study, StudyAnalysis.Of(study)));
    }

    [Fact]
    public void The_report_says_the_numbers_are_ours_and_that_transfer_was_not_measured_when_absent()
    {
        var study = FakeStudy.Create(withTransfer: false);

        var md = StudyReport.Markdown(study, StudyAnalysis.Of(study));

        md.Should().Contain("These are our own measurements, not the paper's numbers.");
        md.Should().Contain("| not measured | not measured in this run: the study has no transfer data |");
        md.Should().Contain("**Verdict: not measured.**\n\n- not measured in this run");
        md.Should().Contain("## Transferability\n\nNot measured in this run.");
    }

    [Fact]
    public void The_html_report_is_self_contained()
    {
        var study = SampleStudy.Create(includeTransfer: true);
        var analysis = StudyAnalysis.Of(study);
        var plots = StudyPlots.RenderAll(study, analysis);

        var html = StudyReport.Html(study, analysis, plots);

        // In-page links (#anchor) are allowed; everything else a browser would load must be embedded.
        var references = Regex.Matches(html, "(?:src|href)\\s*=\\s*\"([^\"]*)\"").Select(m => m.Groups[1].Value)
            .Where(r => !r.StartsWith('#')).ToList();
        references.Should().NotBeEmpty().And.OnlyContain(r => r.StartsWith("data:image/png;base64,", StringComparison.Ordinal));
        html.Should().NotContain("<link").And.NotContain("<script").And.NotContain("url(");
        references.Should().HaveCount(Regex.Matches(StudyReport.Markdown(study, analysis), @"!\[").Count);
    }

    [Fact]
    public void Every_in_page_link_of_the_html_report_leads_to_exactly_one_element()
    {
        var study = SampleStudy.Create(includeTransfer: true);
        var analysis = StudyAnalysis.Of(study);
        var html = StudyReport.Html(study, analysis, StudyPlots.RenderAll(study, analysis));

        var ids = Regex.Matches(html, "\\sid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        var links = Regex.Matches(html, "href=\"#([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();

        ids.Should().OnlyHaveUniqueItems();
        // 4 findings + the contents (one link per section) + 3 headline thumbnails, at least.
        links.Should().HaveCountGreaterThan(10).And.OnlyContain(l => ids.Contains(l));
        links.Should().Contain(["transferability", "gallery", "method", "findings-in-detail"]);
    }

    [Fact]
    public void Headings_get_githubs_anchors_with_a_suffix_on_repeats()
    {
        // GitHub lower-cases, drops punctuation but '-' and '_', turns spaces into '-', and numbers repeats -1, -2, ...
        var doc = new ReportDocument().Heading(2, "cw, untargeted (L2)").Heading(3, "Scaling law").Heading(2, "Finding 1: ln(top-1 error)")
            .Heading(3, "Scaling law").Heading(3, "Scaling law");

        doc.Anchors().Should().Equal("cw-untargeted-l2", "scaling-law", "finding-1-lntop-1-error", "scaling-law-1", "scaling-law-2");
    }

    [Fact]
    public void Every_plot_is_a_real_png_with_content()
    {
        var study = SampleStudy.Create();
        var plots = StudyPlots.RenderAll(study, StudyAnalysis.Of(study));

        // 4 attacks x (scaling, Pareto, depth, width) + gallery.
        plots.Should().HaveCount(17);
        foreach (var (name, png) in plots)
        {
            png.Take(8).Should().Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], name);
            // A blank 1000 x 560 PNG compresses to about 5 kB; a plot with axes, labels and markers is tens of kB.
            png.Length.Should().BeGreaterThan(15_000, name);
            using var bitmap = SKBitmap.Decode(png);
            bitmap.Should().NotBeNull(name);
            Colours(bitmap).Should().BeGreaterThan(10, $"{name} should show more than a few flat colours");
        }
    }

    [Fact]
    public void The_writer_puts_every_referenced_plot_next_to_the_report()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rg-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = StudyReportWriter.Write(FakeStudy.Create(), StudyAnalysis.Of(FakeStudy.Create()), dir);

            files.Should().Contain(Path.Combine(dir, "report.md")).And.Contain(Path.Combine(dir, "report.html"));
            var md = File.ReadAllText(Path.Combine(dir, "report.md"));
            foreach (Match m in Regex.Matches(md, @"!\[[^\]]*\]\(([^)]+)\)"))
                File.Exists(Path.Combine(dir, m.Groups[1].Value)).Should().BeTrue(m.Groups[1].Value);
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_gallery_shows_colour_images_and_the_magnified_perturbation_around_mid_grey()
    {
        // A 3 x 4 x 4 image: clean pure red, adversarial pure blue. The perturbation is (-1, 0, +1) per pixel; magnified
        // around mid-grey it is 0.5 + 0.5 * (-1, 0, 1) = (0, 0.5, 1), i.e. (0, 128, 255) after rounding 127.5 up.
        var red = Enumerable.Range(0, 48).Select(i => i < 16 ? 1f : 0f).ToList();
        var blue = Enumerable.Range(0, 48).Select(i => i >= 32 ? 1f : 0f).ToList();
        var item = new GalleryItem("m", "cw", 0, 1, 2, [3, 4, 4], red, blue);

        using var bitmap = SKBitmap.Decode(GalleryPainter.Paint([item]));

        // Columns start at x = 16, 200, 384 (padding 16, cells 168 wide); the first row starts at y = 38.
        bitmap.GetPixel(100, 120).Should().Be(new SKColor(255, 0, 0));
        bitmap.GetPixel(284, 120).Should().Be(new SKColor(0, 0, 255));
        bitmap.GetPixel(468, 120).Should().Be(new SKColor(0, 128, 255));
    }

    private static int Colours(SKBitmap bitmap)
    {
        var seen = new HashSet<SKColor>();
        for (int y = 0; y < bitmap.Height; y += 3)
            for (int x = 0; x < bitmap.Width; x += 3)
                seen.Add(bitmap.GetPixel(x, y));
        return seen.Count;
    }
}
