using System.Text.RegularExpressions;

namespace ServiceFlow.Web.Features.Decisions;

/// What may name a DMN document: the file name of decisions/<key>.dmn, and the key in /api/decisions/{key}.
internal static partial class DecisionKeys
{
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]{0,199}$")]
    private static partial Regex Pattern();

    /// Null when `key` is fine, else what is wrong with it.
    public static string? Check(string key) => Pattern().IsMatch(key)
        ? null
        : $"'{key}' is not a valid decision key: a letter or _ followed by letters, digits, '_', '.' or '-' (at most 200).";
}
