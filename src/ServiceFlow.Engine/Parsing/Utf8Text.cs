using System.Buffers;
using System.Text;

namespace ServiceFlow.Engine.Parsing;

/// <summary>Strict UTF-8 checks with positions a person can find in an editor.</summary>
internal static class Utf8Text
{
    public static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>True unless the bytes start with a UTF-16/32 byte order mark or declare another encoding.</summary>
    public static bool DeclaresUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Bom))
        {
            return true;
        }

        if (bytes.Length >= 2 && (bytes[0] is 0xFE or 0xFF || bytes[0] == 0 || bytes[1] == 0))
        {
            return false; // UTF-16 or UTF-32: XmlReader decodes these itself
        }

        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 200)]);
        var end = head.IndexOf("?>", StringComparison.Ordinal);
        if (!head.StartsWith("<?xml", StringComparison.Ordinal) || end < 0)
        {
            return true; // no declaration: XML's default is UTF-8
        }

        var declaration = head[..end];
        var at = declaration.IndexOf("encoding", StringComparison.Ordinal);
        return at < 0 || declaration[at..].Contains("utf-8", StringComparison.OrdinalIgnoreCase)
            || declaration[at..].Contains("utf8", StringComparison.OrdinalIgnoreCase);
    }

    public static void ThrowIfInvalid(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        var line = 1;
        var lineStart = 0;
        while (offset < bytes.Length)
        {
            if (bytes[offset] < 0x80)
            {
                if (bytes[offset] == (byte)'\n')
                {
                    line++;
                    lineStart = offset + 1;
                }

                offset++;
                continue;
            }

            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                var column = Encoding.UTF8.GetCharCount(bytes[lineStart..offset]) + 1;
                throw new BpmnParseException(
                    $"The BPMN document is not valid UTF-8: byte 0x{bytes[offset]:X2} at offset {offset} (line {line}, column {column}) "
                    + "does not start a valid character. Save the file as UTF-8 and try again.", line, column);
            }

            offset += consumed;
        }
    }
}
