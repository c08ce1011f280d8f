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
            Fail("schemaVersion", StudyResults.CurrentSchemaVersion.ToString(CultureInfo.InvariantCulture), s.SchemaVersion);
        if (s.Models.Count == 0)
            Fail("models", "at least one model", "an empty list");
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
                Fail(f, "one cell per (model, attack, target)", $"a second cell for ({c.Model}, {c.Attack}, {c.Target})");
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
                Fail(f + ".shape", "[C, H, W] with C = 1 or 3 and H, W > 0", "[" + string.Join(", ", g.Shape) + "]");
            int size = g.Shape[0] * g.Shape[1] * g.Shape[2];
            if (g.Clean.Count != size)
                Fail(f + ".clean", $"{size} pixels (C * H * W)", $"{g.Clean.Count} values");
            if (g.Adversarial.Count != size)
                Fail(f + ".adversarial", $"{size} pixels (C * H * W)", $"{g.Adversarial.Count} values");
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
            if (t.Evaluated < 0 || t.Succeeded < 0 || t.Succeeded > t.Evaluated)
                Fail(f + ".succeeded", $"a count in [0, evaluated = {t.Evaluated}]", t.Succeeded);
        }
    }

    private static string Show(object? v) => v switch
    {
        null => "null",
        string s => $"'{s}'",
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "null",
    };
}
