using System.Globalization;
using System.Text;

namespace ServiceFlow.Engine.Decisions.Feel;

internal enum TokenKind { Number, String, Name, Symbol, End }

/// <summary>One FEEL token; <see cref="Position"/> is the 0-based offset, for error messages.</summary>
internal readonly record struct FeelToken(TokenKind Kind, string Text, int Position, decimal Number = 0)
{
    public bool Is(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    public bool IsWord(string word) => Kind == TokenKind.Name && Text == word;
}

/// <summary>Thrown for text that is not in ServiceFlow's FEEL subset; the message says what and where.</summary>
internal sealed class FeelSyntaxException(string message) : Exception(message);

/// <summary>Splits FEEL text into tokens. Names are single words; the parser joins words into names with spaces.</summary>
internal static class FeelLexer
{
    private static readonly string[] Symbols = ["..", "**", "<=", ">=", "!=", "=", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", "{", "}", ",", ".", ":", "?"];

    public static List<FeelToken> Tokenize(string text)
    {
        var tokens = new List<FeelToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (c == '"')
            {
                tokens.Add(ReadString(text, ref i));
            }
            else if (char.IsLetter(c) || c == '_' || c == '$')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$' or '\''))
                {
                    i++;
                }

                tokens.Add(new FeelToken(TokenKind.Name, text[start..i], start));
            }
            else if (Array.Find(Symbols, s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) is { } symbol)
            {
                tokens.Add(new FeelToken(TokenKind.Symbol, symbol, i));
                i += symbol.Length;
            }
            else
            {
                throw new FeelSyntaxException($"unexpected character '{c}' at position {i + 1}");
            }
        }

        tokens.Add(new FeelToken(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static FeelToken ReadNumber(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        // "1..10" is a range: a dot followed by a second dot is not a decimal point.
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        var literal = text[start..i];
        return decimal.TryParse(literal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? new FeelToken(TokenKind.Number, literal, start, value)
            : throw new FeelSyntaxException($"number '{literal}' at position {start + 1} is too large");
    }

    private static FeelToken ReadString(string text, ref int i)
    {
        var start = i++;
        var value = new StringBuilder();
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                value.Append(text[i] switch
                {
                    'n' => "\n",
                    't' => "\t",
                    'r' => "\r",
                    'u' when i + 4 < text.Length && int.TryParse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code)
                        => ((char)code).ToString() + Skip(ref i, 4),
                    'U' when i + 6 < text.Length && int.TryParse(text.AsSpan(i + 1, 6), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var point)
                        && point <= 0x10FFFF && point is < 0xD800 or > 0xDFFF
                        => char.ConvertFromUtf32(point) + Skip(ref i, 6),
                    var other => other.ToString(),
                });
            }
            else
            {
                value.Append(text[i]);
            }

            i++;
        }

        if (i >= text.Length)
        {
            throw new FeelSyntaxException($"the string starting at position {start + 1} is not closed with \"");
        }

        i++;
        return new FeelToken(TokenKind.String, value.ToString(), start);
    }

    private static string Skip(ref int i, int count)
    {
        i += count;
        return "";
    }
}
