using Xunit.Abstractions;
using Xunit.Sdk;

namespace CircularPlatform.AppHost.Tests;

/// <summary>The place of a test in a class whose tests follow one app model through its life.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}

/// <summary>Runs a class's tests in the order of their <see cref="StepAttribute"/>.</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public const string TypeName = "CircularPlatform.AppHost.Tests.StepOrderer";
    public const string AssemblyName = "CircularPlatform.AppHost.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(testCase => testCase.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName)
            .Select(step => (int)step.GetConstructorArguments().First())
            .DefaultIfEmpty(int.MaxValue)
            .First());
}
