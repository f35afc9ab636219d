using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using ServiceFlow.Engine.Decisions.Feel;

namespace ServiceFlow.Engine.Tests.Support;

/// <summary>One test case of a file in the DMN TCK's testCases format: inputs, and the expected result per decision.</summary>
internal sealed record TckCase(string File, string Id, string ModelPath, IReadOnlyDictionary<string, JsonElement> Inputs, IReadOnlyList<TckExpectation> Expected);

/// <summary>An expected decision result; <see cref="Error"/> cases expect the evaluation to fail or give null.</summary>
internal sealed record TckExpectation(string Decision, object? Value, bool Error);

/// <summary>Reads DMN TCK test-case files (https://github.com/dmn-tck/tck, TestCases/*/NNNN-*/*-test-01.xml) from a folder tree.</summary>
internal static class TckCases
{
    private static readonly XNamespace Ns = "http://www.omg.org/spec/DMN/20160719/testcase";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static IEnumerable<TckCase> Read(string root)
    {
        foreach (var file in Directory.GetFiles(root, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var doc = XDocument.Load(file);
            if (doc.Root?.Name != Ns + "testCases")
            {
                continue;
            }

            var model = Path.Combine(Path.GetDirectoryName(file)!, doc.Root.Element(Ns + "modelName")!.Value.Trim());
            foreach (var testCase in doc.Root.Elements(Ns + "testCase"))
            {
                var inputs = testCase.Elements(Ns + "inputNode")
                    .ToDictionary(n => (string)n.Attribute("name")!, n => FeelJson.ToJson(Value(n)), StringComparer.Ordinal);
                var expected = testCase.Elements(Ns + "resultNode")
                    .Where(n => (string?)n.Attribute("type") is null or "decision")
                    .Select(n => new TckExpectation(
                        (string)n.Attribute("name")!,
                        n.Element(Ns + "expected") is { } e ? Value(e) : null,
                        (string?)n.Attribute("errorResult") == "true"))
                    .ToList();
                yield return new TckCase(Path.GetRelativePath(root, file), (string?)testCase.Attribute("id") ?? "?", model, inputs, expected);
            }
        }
    }

    /// <summary>The value held by an inputNode, expected, component or item element.</summary>
    private static object? Value(XElement holder)
    {
        if (holder.Element(Ns + "value") is { } value)
        {
            return Scalar(value);
        }

        if (holder.Element(Ns + "list") is { } list)
        {
            return list.Elements(Ns + "item").Select(Value).ToList();
        }

        var components = holder.Elements(Ns + "component").ToList();
        return components.Count == 0 ? null : components.ToDictionary(c => (string)c.Attribute("name")!, Value, StringComparer.Ordinal);
    }

    private static object? Scalar(XElement value)
    {
        if ((string?)value.Attribute(Xsi + "nil") == "true")
        {
            return null;
        }

        var text = value.Value;
        var type = (string?)value.Attribute(Xsi + "type");
        return type?[(type.IndexOf(':', StringComparison.Ordinal) + 1)..] switch
        {
            "decimal" or "double" or "int" or "integer" or "long" or "float" =>
                decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : text,
            "boolean" => text.Trim() == "true",
            "date" => FeelDate.TryParse(text, out var date) ? date : text,
            "dateTime" => FeelDateTime.TryParse(text, out var dt) ? dt : text,
            "time" => FeelTimeOfDay.TryParse(text, out var t) ? t : text,
            "duration" => FeelDuration.TryParse(text, out var duration) ? duration : text,
            _ => text,
        };
    }

    /// <summary>True when the decision's JSON result is the expected FEEL value (numbers to 1e-8, temporal text parsed).</summary>
    public static bool Matches(object? expected, object? actual)
    {
        switch (expected, actual)
        {
            case (decimal e, decimal a):
                return Math.Abs(e - a) <= 0.00000001m * Math.Max(1m, Math.Abs(e));
            case (IReadOnlyList<object?> e, IReadOnlyList<object?> a):
                return e.Count == a.Count && e.Zip(a).All(p => Matches(p.First, p.Second));
            case (IReadOnlyDictionary<string, object?> e, IReadOnlyDictionary<string, object?> a):
                return e.All(p => a.TryGetValue(p.Key, out var v) && Matches(p.Value, v));
            case (DateOnly or FeelDateTime or FeelTimeOfDay or TimeSpan or FeelMonths, string a):
                return FeelTypes.TryConvert(a, FeelValue.TypeName(expected) switch
                {
                    "date" => "date",
                    "date and time" => "date and time",
                    "time" => "time",
                    _ => "duration",
                }, out var typed) is null && FeelValue.Equal(expected, typed) == true;
            default:
                return FeelValue.Equal(expected, actual) == true;
        }
    }
}
