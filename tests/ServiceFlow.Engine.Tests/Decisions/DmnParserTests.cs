using System.Text;
using ServiceFlow.Engine.Decisions;
using ServiceFlow.Engine.Tests.Support;

namespace ServiceFlow.Engine.Tests.Decisions;

/// <summary>The DMN parser reads every DMN version's namespace and refuses hostile XML as the BPMN parser does.</summary>
public class DmnParserTests
{
    private const string Dmn13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";

    [Fact]
    public void Parse_RejectsExternalEntity()
    {
        var xxe = $"""
            <?xml version="1.0"?>
            <!DOCTYPE definitions [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <definitions xmlns="{Dmn13}" id="x"><decision id="d" name="&xxe;"/></definitions>
            """;

        var act = () => DmnParser.Parse(xxe);

        act.Should().Throw<DmnParseException>().WithMessage("DTDs and entity declarations are not allowed in DMN files*");
    }

    [Fact]
    public void Parse_RejectsBillionLaughs()
    {
        var lol = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (var i = 1; i <= 9; i++)
        {
            lol.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))};", 10))}\">\n");
        }

        lol.Append($"]>\n<definitions xmlns=\"{Dmn13}\" id=\"x\"><decision id=\"d\" name=\"&lol9;\"/></definitions>");

        var act = () => DmnParser.Parse(lol.ToString());

        act.Should().Throw<DmnParseException>().WithMessage("*DTDs and entity declarations are not allowed*");
    }

    [Fact]
    public void Parse_RejectsDeepNesting_WithTheLine()
    {
        var deep = $"<definitions xmlns=\"{Dmn13}\" id=\"x\">\n" + string.Concat(Enumerable.Repeat("<extensionElements>", 20_000))
            + string.Concat(Enumerable.Repeat("</extensionElements>", 20_000)) + "</definitions>";

        var act = () => DmnParser.Parse(deep);

        var error = act.Should().Throw<DmnParseException>().WithMessage("The DMN document nests elements deeper than 64 levels (line 2).").Which;
        error.Line.Should().Be(2);
    }

    [Fact]
    public void Parse_AcceptsTheNestingOfARealFile_UnderALowerLimit()
    {
        var document = DmnParser.Parse(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "decisions", "priority-matrix.dmn")), new DmnParserOptions { MaxDepth = 8 });

        document.Decisions.Should().ContainSingle().Which.Table!.Rules.Should().HaveCount(9);
    }

    [Fact]
    public void Parse_RejectsOversizeDocuments_FromStringAndStream()
    {
        var xml = Dmn.Xml(new string(' ', 5000));
        var options = new DmnParserOptions { MaxCharacters = 1000 };

        var fromString = () => DmnParser.Parse(xml, options);
        var fromStream = () => DmnParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml)), options);

        fromString.Should().Throw<DmnParseException>().WithMessage("*larger than the limit of 1000 characters*");
        fromStream.Should().Throw<DmnParseException>().WithMessage("*larger than the limit of 1000 characters*");
    }

    [Fact]
    public void Parse_ReportsLineAndColumn_ForMalformedXml()
    {
        var act = () => DmnParser.Parse($"<definitions xmlns=\"{Dmn13}\">\n  <decision id=\"d\">\n  </decisoin>\n</definitions>");

        act.Should().Throw<DmnParseException>().WithMessage("Malformed XML at line 3*").Which.Line.Should().Be(3);
    }

    [Theory]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>")]
    [InlineData("<html><body/></html>")]
    public void Parse_RejectsDocumentsThatAreNotDmn(string xml)
    {
        var act = () => DmnParser.Parse(xml);

        act.Should().Throw<DmnParseException>().WithMessage("Not a DMN document*");
    }

    [Theory]
    [InlineData(DmnNamespaces.Dmn11)]
    [InlineData(DmnNamespaces.Dmn11Camunda)]
    [InlineData(DmnNamespaces.Dmn12)]
    [InlineData(DmnNamespaces.Dmn13)]
    [InlineData(DmnNamespaces.Dmn14)]
    [InlineData(DmnNamespaces.Dmn15)]
    public void Parse_ReadsEveryDmnVersion(string ns)
    {
        var document = DmnParser.Parse(Dmn.Xml(Dmn.Table("FIRST", ["x:number"], ["y:string"], [["> 1", "\"big\""], ["-", "\"small\""]]), ns));

        Dmn.Value(document, new { x = 2 }).GetString().Should().Be("big");
    }

    [Fact]
    public void Parse_ReadsStreamsInTheirDeclaredEncoding()
    {
        var xml = Dmn.Xml(Dmn.Table("UNIQUE", ["x:string"], ["y:string"], [["\"服务台\"", "\"一线\""]])).Replace("UTF-8", "UTF-16", StringComparison.Ordinal);

        var document = DmnParser.Parse(new MemoryStream(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(xml)).ToArray()));

        Dmn.Value(document, new { x = "服务台" }).GetString().Should().Be("一线");
    }

    [Fact]
    public void Parse_KeepsIdsLinesAndRuleIndexes()
    {
        var document = Dmn.Parse("""
            <decision id="d" name="Decision">
              <decisionTable id="t">
                <input id="i"><inputExpression typeRef="string"><text>kind</text></inputExpression></input>
                <output id="o" name="out" typeRef="string"/>
                <rule id="first"><description>the first</description><inputEntry id="e1"><text>"a"</text></inputEntry><outputEntry id="e2"><text>"A"</text></outputEntry></rule>
                <rule id="second"><inputEntry id="e3"><text>"b"</text></inputEntry><outputEntry id="e4"><text>"B"</text></outputEntry></rule>
              </decisionTable>
            </decision>
            """);

        var table = document.Decisions.Single().Table!;
        table.HitPolicy.Should().Be(HitPolicy.Unique, "UNIQUE is the default hit policy");
        table.Rules.Select(r => (r.Id, r.Index, r.Line, r.Description)).Should().Equal(("first", 1, 7, "the first"), ("second", 2, 8, null));
        table.Rules[1].InputEntries[0].Should().Match<FeelCell>(c => c.Id == "e3" && c.Line == 8 && c.Text == "\"b\"" && c.Error == null);
    }
}
