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

    [Fact]
    public void ParseStream_RefusesInvalidUtf8_WithByteOffsetAndLine()
    {
        var head = Encoding.UTF8.GetBytes(Bpmn.Xml("""<startEvent id="s" name="caf""").Split("caf")[0] + "caf");
        var bytes = head.Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\" /></process></definitions>")).ToArray();
        var line = head.Count(b => b == (byte)'\n') + 1;

        var act = () => BpmnParser.Parse(new MemoryStream(bytes));

        var ex = act.Should().Throw<BpmnParseException>()
            .WithMessage($"The BPMN document is not valid UTF-8: byte 0xC3 at offset {head.Length} (line {line}, column *").Which;
        ex.Line.Should().Be(line);
    }

    [Fact]
    public void DecodeUtf8_DropsTheByteOrderMark_AndRefusesAnOverlongEncoding()
    {
        BpmnParser.DecodeUtf8([0xEF, 0xBB, 0xBF, (byte)'<', (byte)'a', (byte)'/', (byte)'>']).Should().Be("<a/>");

        var act = () => BpmnParser.DecodeUtf8("<a>\n"u8.ToArray().Concat(new byte[] { 0xC0, 0xAF }).ToArray());

        act.Should().Throw<BpmnParseException>().WithMessage("*byte 0xC0 at offset 4 (line 2, column 1)*");
    }

    [Fact]
    public void ParseStream_LeavesOtherDeclaredEncodingsToTheXmlReader()
    {
        var latin1 = Encoding.Latin1.GetBytes(Bpmn.Xml("""<startEvent id="s" name="café" />""").Replace("UTF-8", "ISO-8859-1"));

        BpmnParser.Parse(new MemoryStream(latin1)).Processes[0].Nodes["s"].Name.Should().Be("café");
    }
}
