using System.Text.Json;
using System.Text.RegularExpressions;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Validation;
using ServiceFlow.Web.Features.Designer;

namespace ServiceFlow.Web.Tests.Designer;

/// The designer says each validation problem in the reader's language: every code the validator reports on
/// the shipped test models has a summary, and every summary has its Chinese text.
public sealed partial class ProblemTextsTests
{
    [Fact]
    public void EverySummary_IsTranslatedToChinese()
    {
        var zh = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(SourceFolder(), "Localization", "zh-CN.json")))!;
        foreach (var (code, summary) in ProblemTexts.ByCode)
        {
            zh.Should().ContainKey(summary, $"the summary of '{code}' is translated");
            Han().IsMatch(zh[summary]).Should().BeTrue($"'{code}' reads in Chinese (got \"{zh[summary]}\")");
        }
    }

    [Theory]
    [InlineData("no-incoming-flow", """<task id="lonely" />""")]
    [InlineData("end-with-outgoing-flow", """<sequenceFlow id="f2" sourceRef="end" targetRef="after" /><endEvent id="after" />""")]
    [InlineData("unknown-message", """<intermediateCatchEvent id="wait"><messageEventDefinition messageRef="nowhere" /></intermediateCatchEvent>""")]
    [InlineData("bad-timer", """<intermediateCatchEvent id="later"><timerEventDefinition><timeDuration>soon</timeDuration></timerEventDefinition></intermediateCatchEvent>""")]
    public void AProblemTheValidatorReports_HasASummary(string code, string extra)
    {
        var xml = $"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
              <process id="p" isExecutable="true">
                <startEvent id="start" /><sequenceFlow id="f1" sourceRef="start" targetRef="end" /><endEvent id="end" />
                {extra}
              </process>
            </definitions>
            """;
        var report = BpmnValidator.Validate(BpmnParser.Parse(xml));
        report.Issues.Select(i => i.Code).Should().Contain(code);
        report.Issues.Should().OnlyContain(i => ProblemTexts.ByCode.ContainsKey(i.Code), "every problem reported has a summary in words");
    }

    static string SourceFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ServiceFlow.sln")))
            dir = dir.Parent;
        return Path.Combine(dir!.FullName, "src", "ServiceFlow.Web");
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
