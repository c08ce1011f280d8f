using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace RobustnessGate.Xunit;

/// <summary>
/// A <c>[Theory]</c> whose <see cref="RobustnessCase"/> rows (from <see cref="RobustnessChecksAttribute"/>) become
/// <see cref="RobustnessTestCase"/>s: named "model / attack / target", with model, attack, target and check traits.
/// Other rows are ordinary theory cases.
/// </summary>
[XunitTestCaseDiscoverer("RobustnessGate.Xunit.RobustnessTheoryDiscoverer", "RobustnessGate.Xunit")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RobustnessTheoryAttribute : TheoryAttribute;

/// <summary>xUnit's theory discoverer, making a <see cref="RobustnessTestCase"/> of each <see cref="RobustnessCase"/> row.</summary>
public sealed class RobustnessTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc/>
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        if (dataRow is [RobustnessCase check])
            return [new RobustnessTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, check)];
        return base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
    }
}
