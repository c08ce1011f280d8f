using System.Reflection;
using RobustnessGate.Gate;
using Xunit.Sdk;

namespace RobustnessGate.Xunit;

/// <summary>
/// Theory data from a thresholds file: one <see cref="RobustnessCase"/> per check. With <see cref="RobustnessTheoryAttribute"/>
/// each case is named "model / attack / target" and carries the traits model, attack, target and check, so
/// <c>dotnet test --filter model=lenet</c> selects one model's checks (under a plain <c>[Theory]</c> the cases run the
/// same, named <c>Method(check: model / attack / target)</c>, without those traits):
/// <code>
/// [RobustnessTheory]
/// [RobustnessChecks("thresholds/gate.json")]
/// public void Model_meets_its_thresholds(RobustnessCase check) => check.Run().Should().Pass();
/// </code>
/// A relative path is looked up from the test project's folder (recorded by the package's MSBuild targets, so approved and
/// received snapshots stay in the source tree), then from the test output folder (RobustnessThresholds items are copied
/// there). Fails closed: a file that cannot be found or read, or that holds no check, fails the theory with the reason.
/// </summary>
[DataDiscoverer("Xunit.Sdk.DataDiscoverer", "xunit.core")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RobustnessChecksAttribute : DataAttribute
{
    /// <summary>Declares the checks of <paramref name="thresholdsFile"/> as the theory's data.</summary>
    /// <param name="thresholdsFile">The thresholds file (schema 2, see the README's "Writing a check").</param>
    public RobustnessChecksAttribute(string thresholdsFile) => ThresholdsFile = thresholdsFile;

    /// <summary>The thresholds file as written in the attribute.</summary>
    public string ThresholdsFile { get; }

    /// <inheritdoc/>
    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        var parameters = testMethod.GetParameters();
        if (parameters.Length != 1 || parameters[0].ParameterType != typeof(RobustnessCase))
        {
            throw new ArgumentException($"[RobustnessChecks] method {testMethod.Name}: expected exactly one parameter of type {nameof(RobustnessCase)}, "
                + $"found ({string.Join(", ", parameters.Select(p => p.ParameterType.Name + " " + p.Name))})");
        }
        var path = ThresholdsLocator.Resolve(ThresholdsFile, testMethod.DeclaringType?.Assembly);
        var cases = Cases(ThresholdFile.Load(path));
        if (cases.Count == 0)
            throw new ArgumentException($"{path}: field 'checks': expected at least one check, found none; a gate without checks passes nothing");
        return cases.Select(c => new object[] { c }).ToList();
    }

    /// <summary>The cases of <paramref name="file"/>, in file order; the check id is added to a display name that two checks share.</summary>
    internal static IReadOnlyList<RobustnessCase> Cases(ThresholdFile file)
    {
        var names = file.Checks.Select(c => (c.Id, Model: c.Model.DisplayName, Attack: c.Attack.Name, Target: Attacks.TargetNames.Name(c.Target))).ToList();
        var shared = names.GroupBy(n => (n.Model, n.Attack, n.Target)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return names.Select(n =>
        {
            var display = $"{n.Model} / {n.Attack} / {n.Target}";
            if (shared.Contains((n.Model, n.Attack, n.Target)))
                display += $" ({n.Id})";
            return new RobustnessCase(file.Path, n.Id, n.Model, n.Attack, n.Target, display);
        }).ToList();
    }
}
