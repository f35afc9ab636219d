using System.Text;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Tests.Support;

namespace ServiceFlow.Engine.Tests.Parsing;

public class HostileXmlTests
{
    [Fact]
    public void Parse_RejectsExternalEntity_WithDtdMessage()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE definitions [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" name="&xxe;"/></definitions>
            """;

        var act = () => BpmnParser.Parse(xxe);

        act.Should().Throw<BpmnParseException>().WithMessage("*DTDs and entity declarations are not allowed*");
    }

    [Fact]
    public void Parse_RejectsBillionLaughs_WithDtdMessage()
    {
        var lol = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (var i = 1; i <= 9; i++)
        {
            lol.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString())};", 10))}\">\n");
        }

        lol.Append("]>\n<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\" name=\"&lol9;\"/></definitions>");

        var act = () => BpmnParser.Parse(lol.ToString());

        act.Should().Throw<BpmnParseException>().WithMessage("*DTDs and entity declarations are not allowed*");
    }

    [Fact]
    public void Parse_RejectsOversizeDocument()
    {
        var xml = Bpmn.Xml(new string(' ', 5000));

        var act = () => BpmnParser.Parse(xml, new BpmnParserOptions { MaxCharacters = 1000 });

        act.Should().Throw<BpmnParseException>().WithMessage("*larger than the limit of 1000*");
    }

    [Fact]
    public void Parse_RejectsOversizeStream()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Bpmn.Xml(new string(' ', 5000))));

        var act = () => BpmnParser.Parse(stream, new BpmnParserOptions { MaxCharacters = 1000 });

        act.Should().Throw<BpmnParseException>().WithMessage("*larger than the limit*");
    }

    [Fact]
    public void Parse_ReportsLineAndColumn_ForMalformedXml()
    {
        const string broken = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n  <process id=\"p\">\n  </proces>\n</definitions>";

        var act = () => BpmnParser.Parse(broken);

        var ex = act.Should().Throw<BpmnParseException>().WithMessage("Malformed XML at line 3*").Which;
        ex.Line.Should().Be(3);
        ex.Column.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Parse_RejectsNonBpmnRoot()
    {
        var act = () => BpmnParser.Parse("<html><body/></html>");

        act.Should().Throw<BpmnParseException>().WithMessage("Not a BPMN 2.0 document*");
    }

    [Fact]
    public void Parse_AcceptsManyPredefinedEntitiesAndCharacterReferences()
    {
        var name = string.Concat(Enumerable.Repeat("&amp;&lt;&#x41;", 5000));

        var document = BpmnParser.Parse(Bpmn.Xml($"""<startEvent id="s" name="{name}" />"""));

        document.Processes[0].Nodes["s"].Name.Should().HaveLength(15000);
    }
}
