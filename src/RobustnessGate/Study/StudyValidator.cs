using System.Globalization;

namespace RobustnessGate.Study;

/// <summary>The rules a study must keep beyond its JSON shape; the first broken rule is reported.</summary>
internal static class StudyValidator
{
    public static void Validate(StudyResults s, string source)
    {
        void Fail(string field, string expected, object? found) =>
            throw new StudyFormatException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: {field}: expected {expected}, found {Show(found)}"));

        if (s.SchemaVersion != StudyResults.CurrentSchemaVersion)
            Fail("schemaVersion", StudyResults.CurrentSchemaVersion.ToString(CultureInfo.InvariantCulture)
                + (s.SchemaVersion == 1 ? " (version 1 files predate the transfer matrices and CLEVER cells; run the study again to write version 2)" : ""),
                s.SchemaVersion);
        if (s.Models.Count == 0)
            Fail("models", "at least one model", new Raw("an empty list"));
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < s.Models.Count; i++)
        {
            var m = s.Models[i];
            var f = $"models[{i}]";
            if (string.IsNullOrWhiteSpace(m.Name) || !names.Add(m.Name))
                Fail(f + ".name", "a non-empty name used by no other model", m.Name);
            if (string.IsNullOrWhiteSpace(m.Family))
                Fail(f + ".family", "a non-empty family", m.Family);
            if (m.Parameters <= 0)
                Fail(f + ".parameters", "a count > 0", m.Parameters);
            if (!(m.TestAccuracy is >= 0 and <= 1))
                Fail(f + ".testAccuracy", "a number in [0, 1]", m.TestAccuracy);
            if (m.Depth is <= 0)
                Fail(f + ".depth", "null or a layer count > 0", m.Depth);
            if (m.Width is not null && !(m.Width > 0 && double.IsFinite(m.Width.Value)))
                Fail(f + ".width", "null or a number > 0", m.Width);
        }
        var keys = new HashSet<(string, string, string)>();
        for (int i = 0; i < s.Cells.Count; i++)
        {
            var c = s.Cells[i];
            var f = $"cells[{i}]";
            if (!names.Contains(c.Model))
                Fail(f + ".model", "the name of a model in 'models'", c.Model);
            if (!keys.Add((c.Model, c.Attack, c.Target)))
                Fail(f, "one cell per (model, attack, target)", new Raw($"a second cell for ({c.Model}, {c.Attack}, {c.Target})"));
            if (c.Attacked < 0)
                Fail(f + ".attacked", "a count >= 0", c.Attacked);
            if (c.Succeeded < 0 || c.Succeeded > c.Attacked)
                Fail(f + ".succeeded", $"a count in [0, attacked = {c.Attacked}]", c.Succeeded);
            foreach (var (norm, n) in new[] { ("l0", c.Distortion.L0), ("l1", c.Distortion.L1), ("l2", c.Distortion.L2), ("linf", c.Distortion.Linf) })
            {
                foreach (var (name, v) in new[] { ("mean", n.Mean), ("median", n.Median), ("std", n.Std) })
                {
                    if (v is not null && !(v >= 0 && double.IsFinite(v.Value)))
                        Fail($"{f}.distortion.{norm}.{name}", "null or a finite number >= 0", v);
                }
                if (c.Succeeded == 0 && n.Mean is not null)
                    Fail($"{f}.distortion.{norm}.mean", "null (no attack succeeded)", n.Mean);
            }
        }
        for (int i = 0; i < s.Gallery.Count; i++)
        {
            var g = s.Gallery[i];
            var f = $"gallery[{i}]";
            if (!names.Contains(g.Model))
                Fail(f + ".model", "the name of a model in 'models'", g.Model);
            if (g.Shape.Count != 3 || g.Shape[0] is not (1 or 3) || g.Shape[1] <= 0 || g.Shape[2] <= 0)
                Fail(f + ".shape", "[C, H, W] with C = 1 or 3 and H, W > 0", new Raw("[" + string.Join(", ", g.Shape) + "]"));
            int size = g.Shape[0] * g.Shape[1] * g.Shape[2];
            if (g.Clean.Count != size)
                Fail(f + ".clean", $"{size} pixels (C * H * W)", new Raw($"{g.Clean.Count} values"));
            if (g.Adversarial.Count != size)
                Fail(f + ".adversarial", $"{size} pixels (C * H * W)", new Raw($"{g.Adversarial.Count} values"));
        }
        var transfer = s.Transfer ?? [];
        for (int i = 0; i < transfer.Count; i++)
        {
            var t = transfer[i];
            var f = $"transfer[{i}]";
            if (!names.Contains(t.Source))
                Fail(f + ".source", "the name of a model in 'models'", t.Source);
            if (!names.Contains(t.Target) || t.Target == t.Source)
                Fail(f + ".target", "the name of another model in 'models'", t.Target);
            if (t.Counted < 0)
                Fail(f + ".counted", "a count >= 0", t.Counted);
            if (t.Succeeded < 0 || t.Succeeded > t.Counted)
                Fail(f + ".succeeded", $"a count in [0, counted = {t.Counted}]", t.Succeeded);
            if (t.Top5Succeeded is { } top5 && (top5 < t.Succeeded || top5 > t.Counted))
                Fail(f + ".top5Succeeded", $"null or a count in [succeeded = {t.Succeeded}, counted = {t.Counted}]", top5);
            double? rate = t.Counted == 0 ? null : (double)t.Succeeded / t.Counted;
            if (t.SuccessRate != rate)
                Fail(f + ".successRate", rate is null ? "null (nothing counted)" : $"succeeded / counted = {rate.Value.ToString("R", CultureInfo.InvariantCulture)}", t.SuccessRate);
        }
        var cleverKeys = new HashSet<(string, string, string)>();
        for (int i = 0; i < s.Clever.Count; i++)
        {
            var c = s.Clever[i];
            var f = $"clever[{i}]";
            if (!names.Contains(c.Model))
                Fail(f + ".model", "the name of a model in 'models'", c.Model);
            if (c.Norm is not ("l2" or "linf" or "l1"))
                Fail(f + ".norm", "one of l2, linf, l1", c.Norm);
            if (!cleverKeys.Add((c.Model, c.Norm, c.Target)))
                Fail(f, "one CLEVER cell per (model, norm, target)", new Raw($"a second cell for ({c.Model}, {c.Norm}, {c.Target})"));
            if (c.Images.Count != c.Scored)
                Fail(f + ".images", $"one entry per scored image ({c.Scored})", new Raw($"{c.Images.Count} entries"));
            for (int j = 0; j < c.Images.Count; j++)
            {
                if (!(c.Images[j].Score >= 0 && c.Images[j].Score <= c.Radius))
                    Fail($"{f}.images[{j}].score", $"a number in [0, radius = {c.Radius.ToString("R", CultureInfo.InvariantCulture)}]", c.Images[j].Score);
            }
        }
    }

    private static string Show(object? v) => v switch
    {
        null => "null",
        Raw r => r.Text,
        string s => $"'{s}'",
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "null",
    };
}

/// <summary>A description of what was found, shown without quotes (unlike a string value from the file).</summary>
internal sealed record Raw(string Text);
