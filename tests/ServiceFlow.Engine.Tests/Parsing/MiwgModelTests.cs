using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Tests.Support;
using ServiceFlow.Engine.Validation;

namespace ServiceFlow.Engine.Tests.Parsing;

public class MiwgModelTests
{
    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.MiwgFolder, "*.bpmn").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void MiwgFolder_ContainsTheReferenceModels() =>
        Directory.GetFiles(RepoPaths.MiwgFolder, "*.bpmn").Should().HaveCountGreaterThan(10);

    [Theory]
    [MemberData(nameof(Models))]
    public void MiwgModel_LoadsAndIsEitherExecutableOrListsItsProblemsById(string file)
    {
        using var stream = File.OpenRead(Path.Combine(RepoPaths.MiwgFolder, file));

        var document = BpmnParser.Parse(stream);
        var report = BpmnValidator.Validate(document);

        document.Processes.Should().NotBeEmpty();
        document.Processes.SelectMany(p => p.Nodes.Values).Should().OnlyContain(n => n.Line > 0);
        if (!report.Executable)
        {
            report.Errors.Should().OnlyContain(i => !string.IsNullOrEmpty(i.ElementId) && i.Message.Length > 0);
        }
    }

    [Fact]
    public void MiwgA10_PlainTasksPassThrough_SoTheModelIsExecutable()
    {
        var document = BpmnParser.Parse(File.ReadAllText(Path.Combine(RepoPaths.MiwgFolder, "A.1.0.bpmn")));

        var report = BpmnValidator.Validate(document);

        report.Executable.Should().BeTrue(string.Join("; ", report.Issues));
        document.Processes[0].Nodes.Values.Should().Contain(n => n.Kind == Model.NodeKind.Task);
    }

    [Fact]
    public void MiwgC10_KeepsCamundaAndVendorExtensionsAsOpaqueData()
    {
        var document = BpmnParser.Parse(File.ReadAllText(Path.Combine(RepoPaths.MiwgFolder, "C.1.0.bpmn")));

        var nodes = document.Processes.SelectMany(p => p.Nodes.Values).ToList();

        nodes.Should().Contain(n => n.ExtensionElements.Length > 0);
        document.Messages.Should().NotBeEmpty();
    }
}
