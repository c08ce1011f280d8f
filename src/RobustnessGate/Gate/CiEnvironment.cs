namespace RobustnessGate.Gate;

/// <summary>
/// Whether this process runs under continuous integration, where nothing is ever approved: the generic CI variable, the
/// variables of the common services, and ROBUSTNESSGATE_CI to force it.
/// </summary>
public static class CiEnvironment
{
    /// <summary>The variables read, in order.</summary>
    public static IReadOnlyList<string> Variables { get; } =
        ["ROBUSTNESSGATE_CI", "CI", "GITHUB_ACTIONS", "TF_BUILD", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TEAMCITY_VERSION"];

    /// <summary>The first variable that says "CI" (set, non-empty, not false/0/no), or null.</summary>
    public static string? Detect(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        foreach (var name in Variables)
        {
            var value = getVariable(name);
            if (!string.IsNullOrWhiteSpace(value) && value.Trim().ToLowerInvariant() is not ("false" or "0" or "no" or "off"))
                return name;
        }
        return null;
    }

    /// <summary>True under CI.</summary>
    public static bool IsCi => Detect() is not null;
}
