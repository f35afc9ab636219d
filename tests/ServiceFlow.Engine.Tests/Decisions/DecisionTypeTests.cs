using ServiceFlow.Engine.Tests.Support;

namespace ServiceFlow.Engine.Tests.Decisions;

/// <summary>Typed inputs and outputs: string, number/integer/long/double, boolean, date, dateTime.</summary>
public class DecisionTypeTests
{
    private static string OneInput(string type, string test, string outputType = "string", string output = "\"yes\"") =>
        Dmn.Table("FIRST", [$"x:{type}"], [$"out:{outputType}"], [[test, output], ["-", outputType == "string" ? "\"no\"" : "null"]]);

    [Theory]
    [InlineData("number", "> 40", 42)]
    [InlineData("number", "> 40", "42")]
    [InlineData("double", "[0.5..1.5]", 1.25)]
    [InlineData("integer", "= 7", 7)]
    [InlineData("long", "> 9000000000", 9000000001)]
    [InlineData("boolean", "true", true)]
    [InlineData("boolean", "true", "true")]
    [InlineData("string", "\"P1\"", "P1")]
    [InlineData("date", ">= date(\"2026-01-01\")", "2026-03-02")]
    [InlineData("date", "[date(\"2026-03-01\")..date(\"2026-03-31\")]", "2026-03-31")]
    [InlineData("dateTime", "< date and time(\"2026-03-02T03:00:00Z\")", "2026-03-02T10:59:00+08:00")]
    [InlineData("date and time", ">= date and time(\"2026-03-02T09:00:00\")", "2026-03-02T09:00:00")]
    public void Input_IsConvertedToItsTypeRef_BeforeTheRulesTestIt(string type, string test, object value)
    {
        Dmn.Value(Dmn.Parse(OneInput(type, test)), new { x = value }).GetString().Should().Be("yes");
    }

    [Theory]
    [InlineData("number", "> 40", 39)]
    [InlineData("date", ">= date(\"2026-01-01\")", "2025-12-31")]
    [InlineData("dateTime", "< date and time(\"2026-03-02T03:00:00Z\")", "2026-03-02T11:00:00+08:00")]
    [InlineData("boolean", "true", false)]
    public void Input_OfTheRightTypeThatFailsTheTest_DoesNotMatch(string type, string test, object value)
    {
        Dmn.Value(Dmn.Parse(OneInput(type, test)), new { x = value }).GetString().Should().Be("no");
    }

    [Theory]
    [InlineData("number", "abc", "input 'x' of decision 'd' (d-in1): \"abc\" is not a number")]
    [InlineData("integer", 2.5, "input 'x' of decision 'd' (d-in1): 2.5 is not an integer")]
    [InlineData("boolean", "yes", "\"yes\" is not a boolean")]
    [InlineData("date", "03/02/2026", "\"03/02/2026\" is not a date")]
    [InlineData("dateTime", "tomorrow", "\"tomorrow\" is not a date and time")]
    public void Input_ThatCannotTakeItsType_FailsTheEvaluation(string type, object value, string message)
    {
        var outcome = Dmn.Evaluate(Dmn.Parse(OneInput(type, "-")), new { x = value });

        outcome.Error.Should().Be(message.StartsWith("input", StringComparison.Ordinal) ? message : $"input 'x' of decision 'd' (d-in1): {message}");
    }

    [Fact]
    public void NullInput_PassesAnyType_AndMatchesOnlyNullOrAnyTests()
    {
        var document = Dmn.Parse(Dmn.Table("FIRST", ["x:number"], ["out:string"], [["> 0", "\"positive\""], ["null", "\"unknown\""], ["-", "\"other\""]]));

        Dmn.Value(document, new { x = (int?)null }).GetString().Should().Be("unknown");
        Dmn.Value(document, new { }).GetString().Should().Be("unknown", "a missing variable is null");
    }

    [Theory]
    [InlineData("date", "date(\"2026-01-01\")", "\"2026-01-01\"")]
    [InlineData("dateTime", "date and time(\"2026-01-01T08:00:00+08:00\")", "\"2026-01-01T08:00:00+08:00\"")]
    [InlineData("integer", "x * 2", "42")]
    [InlineData("number", "x / 4", "5.25")]
    [InlineData("boolean", "x > 20", "true")]
    [InlineData("string", "\"n=\" + string(x)", "\"n=21\"")]
    public void Output_IsTypedAndWrittenAsJson(string type, string entry, string json)
    {
        Dmn.Value(Dmn.Parse(Dmn.Table("UNIQUE", ["x:number"], [$"out:{type}"], [["-", entry]])), new { x = 21 }).GetRawText().Should().Be(json);
    }

    [Fact]
    public void Output_ComputedOutsideItsType_FailsTheEvaluation()
    {
        var outcome = Dmn.Evaluate(Dmn.Parse(Dmn.Table("UNIQUE", ["x:number"], ["out:integer"], [["-", "x / 4"]])), new { x = 21 });

        outcome.Error.Should().Be("output 'out' of rule 1 (r1) in decision 'd': 5.25 is not an integer");
    }

    [Fact]
    public void Input_OutsideItsInputValues_FailsWithTheAllowedValues()
    {
        var xml = Dmn.Table("UNIQUE", ["impact:string"], ["out:string"], [["\"high\"", "\"P1\""]])
            .Replace("</inputExpression></input>", """</inputExpression><inputValues><text>"high","low"</text></inputValues></input>""", StringComparison.Ordinal);

        var outcome = Dmn.Evaluate(Dmn.Parse(xml), new { impact = "urgent" });

        outcome.Error.Should().Be("input 'impact' of decision 'd' is \"urgent\", which is not one of its input values \"high\",\"low\"");
    }

    [Fact]
    public void Output_ComputedOutsideItsOutputValues_FailsTheEvaluation()
    {
        var document = Dmn.Parse(Dmn.Table("UNIQUE", ["p:string"], ["priority:string"], [["-", "p"]], outputValues: "\"P1\",\"P2\""));

        Dmn.Evaluate(document, new { p = "P9" }).Error.Should().Contain("is \"P9\", which is not one of its output values \"P1\",\"P2\"");
    }

    [Fact]
    public void TypeRef_NamingAnItemDefinition_UsesItsBaseType()
    {
        var xml = """<itemDefinition name="tScore"><typeRef>number</typeRef></itemDefinition>"""
            + Dmn.Table("UNIQUE", ["x:tScore"], ["out:string"], [["> 5", "\"big\""], ["<= 5", "\"small\""]]);

        Dmn.Value(Dmn.Parse(xml), new { x = "7" }).GetString().Should().Be("big");
    }
}
