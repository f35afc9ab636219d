using System.Runtime.CompilerServices;
using System.Xml;

namespace ServiceFlow.Web.Features.Reports.Imports;

/// An XES log (IEEE 1849) read as a stream: never a DTD, no external entities, at most `MaxDepth` levels.
/// A trace is a case (`concept:name`), an event has `concept:name` (activity), `time:timestamp` and
/// optionally `org:resource`; its other top-level attributes are kept. Nested attributes (lists,
/// containers) and log-level globals are skipped. Malformed XML ends the import with its line.
internal static class XesEventLog
{
    public const int MaxDepth = 32;

    public static async IAsyncEnumerable<LogRow> ReadAsync(Stream log, TimeZoneInfo zone, [EnumeratorCancellation] CancellationToken ct)
    {
        var settings = new XmlReaderSettings
        {
            Async = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            IgnoreProcessingInstructions = true,
        };
        using var xml = XmlReader.Create(log, settings);
        var info = (IXmlLineInfo)xml;
        Dictionary<string, string>? trace = null;
        long traceLine = 0;
        var sawLog = false;
        // SkipAsync leaves the reader on the node after the skipped element: that node is not read past.
        var more = await Next(xml);
        while (more)
        {
            ct.ThrowIfCancellationRequested();
            if (xml.NodeType != XmlNodeType.Element)
            {
                more = await Next(xml);
                continue;
            }
            if (xml.Depth > MaxDepth)
                throw new EventLogException($"Line {info.LineNumber}: elements nest deeper than {MaxDepth} levels; an XES log needs far fewer.");
            var skipped = false;
            switch (xml.LocalName)
            {
                case "log" when xml.Depth == 0:
                    sawLog = true;
                    break;
                case "trace" when xml.Depth == 1:
                    traceLine = info.LineNumber;
                    trace = xml.IsEmptyElement ? null : [];
                    break;
                case "event" when xml.Depth == 2 && trace is not null:
                    var line = info.LineNumber;
                    var attributes = await AttributesAsync(xml, info);
                    yield return Event(line, trace, traceLine, attributes, zone);
                    break;
                case var _ when xml.Depth == 2 && trace is not null && xml.GetAttribute("key") is { } key:
                    trace[key] = xml.GetAttribute("value") ?? "";
                    skipped = await SkipAsync(xml, info);
                    break;
                default:
                    if (!sawLog)
                        throw new EventLogException($"Line {info.LineNumber}: an XES file starts with <log>, not <{xml.LocalName}>.");
                    if (xml.Depth >= 1)
                        skipped = await SkipAsync(xml, info); // extensions, globals, classifiers, log attributes
                    break;
            }
            more = skipped ? !xml.EOF : await Next(xml);
        }
        if (!sawLog)
            throw new EventLogException("The file holds no XES <log> element.");
    }

    static async Task<bool> Next(XmlReader xml)
    {
        try
        {
            return await xml.ReadAsync();
        }
        catch (XmlException ex)
        {
            throw new EventLogException($"Line {ex.LineNumber}, position {ex.LinePosition}: the XML is not well formed ({ex.Message}); nothing was imported.");
        }
    }

    /// Skips a non-empty element's subtree, still holding the depth limit (true: the reader already stands on the next node).
    static async Task<bool> SkipAsync(XmlReader xml, IXmlLineInfo info)
    {
        if (xml.IsEmptyElement)
            return false;
        var depth = xml.Depth;
        while (await Next(xml))
        {
            if (xml.Depth > MaxDepth)
                throw new EventLogException($"Line {info.LineNumber}: elements nest deeper than {MaxDepth} levels; an XES log needs far fewer.");
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
            {
                await Next(xml);
                return true;
            }
        }
        return true;
    }

    /// The event's own attributes (key → value), leaving the reader after </event>.
    static async Task<Dictionary<string, string>> AttributesAsync(XmlReader xml, IXmlLineInfo info)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (xml.IsEmptyElement)
            return attributes;
        var depth = xml.Depth;
        var more = await Next(xml);
        while (more && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                more = await Next(xml);
                continue;
            }
            if (xml.Depth > MaxDepth)
                throw new EventLogException($"Line {info.LineNumber}: elements nest deeper than {MaxDepth} levels.");
            if (xml.GetAttribute("key") is { } key && xml.Depth == depth + 1)
                attributes[key] = xml.GetAttribute("value") ?? "";
            more = await SkipAsync(xml, info) ? !xml.EOF : await Next(xml);
        }
        return attributes;
    }

    static LogRow Event(long line, Dictionary<string, string> trace, long traceLine, Dictionary<string, string> attributes, TimeZoneInfo zone)
    {
        if (!trace.TryGetValue("concept:name", out var caseId) || string.IsNullOrWhiteSpace(caseId))
            return LogRow.Bad(line, $"The trace starting on line {traceLine} has no concept:name (its case id) before its events.");
        if (!attributes.Remove("concept:name", out var activity) || string.IsNullOrWhiteSpace(activity))
            return LogRow.Bad(line, "The event has no concept:name (its activity).");
        if (!attributes.Remove("time:timestamp", out var time))
            return LogRow.Bad(line, "The event has no time:timestamp.");
        if (!EventLogMapping.TryParseTime(time, null, zone, out var at))
            return LogRow.Bad(line, $"time:timestamp '{time}' is not an xs:dateTime.");
        attributes.Remove("org:resource", out var resource);
        return new LogRow(line, new LogEvent(caseId.Trim(), activity.Trim(), at, string.IsNullOrWhiteSpace(resource) ? null : resource, attributes, trace), null);
    }
}
