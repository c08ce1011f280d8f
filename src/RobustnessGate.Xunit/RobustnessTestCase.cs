using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace RobustnessGate.Xunit;

/// <summary>
/// One check as an xUnit test case: displayed as "model / attack / target" and carrying the traits model, attack, target
/// and check (besides the method's and class's own), so a run can be filtered by any of them.
/// </summary>
public sealed class RobustnessTestCase : XunitTestCase
{
    /// <summary>For xUnit's de-serializer only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer only")]
    public RobustnessTestCase()
    {
    }

    /// <summary>The test case of <paramref name="check"/> for <paramref name="testMethod"/>.</summary>
    public RobustnessTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, RobustnessCase check)
        : base(diagnosticMessageSink, display, options, testMethod, [check])
    {
    }

    /// <summary>The check this case runs.</summary>
    public RobustnessCase Check => (RobustnessCase)TestMethodArguments[0];

    /// <inheritdoc/>
    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) => Check.DisplayName;

    /// <inheritdoc/>
    protected override void Initialize()
    {
        base.Initialize();
        Add("model", Check.Model);
        Add("attack", Check.Attack);
        Add("target", Check.Target);
        Add("check", Check.CheckId);
    }

    private void Add(string name, string value)
    {
        if (!Traits.TryGetValue(name, out var values))
            Traits[name] = values = [];
        if (!values.Contains(value))
            values.Add(value);
    }
}
