using ServiceFlow.Engine.Decisions;
using ServiceFlow.Engine.Decisions.Feel;
using ServiceFlow.Engine.Tests.Support;

namespace ServiceFlow.Engine.Tests.Decisions;

/// <summary>
/// Runs test cases in the DMN TCK's format: parse, validate, evaluate every expected decision. By default over our
/// own cases in Decisions/TckFormat; point SERVICEFLOW_DMN_TCK at a checkout's TestCases/compliance-level-2 (or any
/// folder of it) to run the official TCK, which we do not ship (docs/decisions.md has the last run's results).
/// </summary>
public class TckTests
{
    private static readonly Lazy<Dictionary<(string, string), TckCase>> All = new(() =>
        TckCases.Read(Folder).ToDictionary(c => (c.File, c.Id)));

    private static string Folder => Environment.GetEnvironmentVariable("SERVICEFLOW_DMN_TCK") is { Length: > 0 } folder
        ? folder
        : Path.Combine(RepoPaths.RepoRoot, "tests", "ServiceFlow.Engine.Tests", "Decisions", "TckFormat");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (file, id) in All.Value.Keys)
        {
            data.Add(file, id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TckCase_ParsesValidatesAndEvaluatesToTheExpectedResult(string file, string id)
    {
        var testCase = All.Value[(file, id)];
        var document = DmnParser.Parse(File.ReadAllText(testCase.ModelPath));
        DmnValidator.Validate(document).Errors.Select(e => e.ToString()).Should().BeEmpty();

        foreach (var expected in testCase.Expected)
        {
            var decision = document.Decisions.FirstOrDefault(d => d.Name == expected.Decision || d.VariableName == expected.Decision || d.Id == expected.Decision);
            decision.Should().NotBeNull($"the model has a decision named '{expected.Decision}'");
            var outcome = DecisionEvaluator.Evaluate(document, decision!.Id, testCase.Inputs);

            if (expected.Error)
            {
                (outcome.Error is not null || outcome.Value.ValueKind == System.Text.Json.JsonValueKind.Null).Should().BeTrue($"'{expected.Decision}' should fail");
                continue;
            }

            outcome.Error.Should().BeNull();
            TckCases.Matches(expected.Value, FeelJson.ToFeel(outcome.Value)).Should()
                .BeTrue($"'{expected.Decision}' should be {FeelValue.Describe(expected.Value)}, not {outcome.Value.GetRawText()}");
        }
    }
}
