using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServiceFlow.Browser.Tests.Desk;

/// What a page may not show: a resource key (`discoveredAt`, `TicketStatus.InReview`), an enum member's name
/// where the desk has words for it (`InReview`, `Tier1`, a raw code such as `after-sales`), and on a Chinese
/// page any English word outside proper nouns, acronyms and the shapes of user data (user names, e-mail
/// addresses, ticket numbers, time zones). Texts in `<code>`, `translate="no"`, form fields and the diagram are
/// the caller's to leave out (PageCrawlTests' script).
internal static partial class PageTextRules
{
    /// Words a Chinese page may show: product and format names, the language menu, units, the user ids of the built-in accounts.
    static readonly HashSet<string> ProperNouns = new(StringComparer.Ordinal) { "ServiceFlow", "ServiceNow", "English", "Hangfire", "PostgreSQL", "KiB", "MiB", "GiB", "gzip", "zip", "admin", "system" };

    /// Multi-hump names that are not keys.
    static readonly HashSet<string> Brands = new(StringComparer.Ordinal) { "ServiceFlow", "ServiceNow", "PostgreSQL", "JavaScript", "KiB", "MiB", "GiB" };

    /// Enum members and codes whose English text differs from their name (from the shipped en.json).
    static readonly HashSet<string> Known = LoadKnown();

    public static IEnumerable<string> Problems(string text, bool chinese)
    {
        foreach (Match m in DottedKey().Matches(text))
            yield return $"resource key '{m.Value}'";
        foreach (Match m in CamelCase().Matches(text))
            yield return $"identifier '{m.Value}'";
        foreach (Match m in PascalCompound().Matches(text))
            if (!Brands.Contains(m.Value))
                yield return $"identifier '{m.Value}'";
        // A whole text that is an enum member's name or a code the desk has words for ("Correction", "Web",
        // "after-sales"); compound names inside sentences are caught above.
        if (Known.Contains(text.Trim()))
            yield return $"enum name or code '{text.Trim()}'";
        if (!chinese)
            yield break;
        var rest = UserData().Replace(text, " ");
        foreach (Match m in Word().Matches(rest))
            if (!ProperNouns.Contains(m.Value) && !Acronym().IsMatch(m.Value))
                yield return $"English word '{m.Value}'";
    }

    static HashSet<string> LoadKnown()
    {
        var web = typeof(ServiceFlow.Web.Localization.DeskTime).Assembly;
        using var stream = web.GetManifestResourceStream("ServiceFlow.Web.Localization.en.json")
            ?? throw new InvalidOperationException("en.json is not embedded in ServiceFlow.Web.");
        var english = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in english)
        {
            var name = key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..];
            if (name != value && !key.StartsWith("Field.", StringComparison.Ordinal))
                known.Add(name);
        }
        return known;
    }

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+\.[A-Za-z][\w-]*")]
    private static partial Regex DottedKey();

    [GeneratedRegex(@"\b[a-z]+(?:[A-Z][a-z0-9]+)+\b")]
    private static partial Regex CamelCase();

    [GeneratedRegex(@"\b[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+\b|\bTier[0-9]\b")]
    private static partial Regex PascalCompound();

    [GeneratedRegex(@"\b[A-Za-z][A-Za-z]+\b")]
    private static partial Regex Word();

    [GeneratedRegex(@"^[A-Z0-9]{2,6}s?$")]
    private static partial Regex Acronym();

    /// E-mail addresses, URLs and paths, GUIDs, user names (li.na, tech-3f2a1b), ticket and article numbers,
    /// time zones and offsets, versions, priorities, date formats and file names.
    [GeneratedRegex(@"[\w.+-]+@[\w.-]+|https?://\S+|(?<![\w])/[\w/.{}?=&%-]+|\b[0-9a-f]{8}-[0-9a-f-]{27}\b|\b[a-z][a-z0-9]*(?:[._-][a-z0-9]+)+\b|\b(?:SE|KB)-[\d-]+\b|\b[A-Z][a-z]+/[A-Za-z_]+\b|\bUTC(?:[+-]\d+(?::\d\d)?)?|\bv\d+\b|\bP[1-4]\b|yyyy-MM-dd|\S*\.(?:ics|eml|bpmn|md|xml|json|png|pdf|txt)\b")]
    private static partial Regex UserData();
}
