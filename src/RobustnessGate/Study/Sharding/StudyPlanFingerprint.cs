using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RobustnessGate.Attacks;
using RobustnessGate.Clever;
using RobustnessGate.Data;
using RobustnessGate.Study.Running;

namespace RobustnessGate.Study.Sharding;

/// <summary>
/// SHA-256 of everything that makes two runs the same study: the plan (models with their fingerprints, attack keys,
/// targets, image count, seed, transfer attack, gallery, CLEVER settings) and the data set's fingerprint.
/// </summary>
public static class StudyPlanFingerprint
{
    /// <summary>The fingerprint; <paramref name="modelSha"/> gives each model's fingerprint by name.</summary>
    public static string Of(StudyPlan plan, ImageSet data, Func<string, string> modelSha)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(modelSha);
        var text = JsonSerializer.Serialize(new
        {
            plan.Description,
            plan.Budget,
            Models = plan.Models.Select(m => new { m.Name, m.Family, m.Series, m.Depth, m.Width, Sha256 = modelSha(m.Name) }),
            Attacks = plan.Attacks.Select(a => a.Key),
            Targets = plan.Targets.Select(TargetNames.Name),
            plan.Count,
            plan.Seed,
            Transfer = plan.Transfer?.Key,
            plan.GalleryModels,
            plan.GalleryAttack,
            plan.GalleryImages,
            Clever = (plan.Clever ?? []).Select(c => new { Norm = CleverEstimator.NormName(c.Norm), Target = TargetNames.Name(c.Target), c.Samples, c.Batches, c.Count, c.BatchSize, c.Radius }),
            Data = new { data.Name, data.Count, data.Sha256 },
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
