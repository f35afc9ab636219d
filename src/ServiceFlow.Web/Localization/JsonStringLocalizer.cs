using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace ServiceFlow.Web.Localization;

/// UI text: the English text is the key; `Localization/zh-CN.json` maps it to Chinese. Keys that are not
/// English text — enum members and stored codes (`TicketStatus.InReview`, `Field.discoveredAt`; DisplayText) —
/// have their English in `Localization/en.json`. A key no table knows is shown as it is: right for English text,
/// and visible (a dotted key) for a missing value, which the page crawler test reports.
/// One flat dictionary per language keeps translation work in one file a translator can read.
internal sealed class JsonStringLocalizer : IStringLocalizer
{
    static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Translations = Load();

    public LocalizedString this[string name] => Lookup(name, []);

    public LocalizedString this[string name, params object[] arguments] => Lookup(name, arguments);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        Current()?.Select(kv => new LocalizedString(kv.Key, kv.Value)) ?? [];

    static LocalizedString Lookup(string name, object[] arguments)
    {
        var table = Current();
        var found = table is not null && table.TryGetValue(name, out var text);
        var value = found ? table![name] : name;
        if (arguments.Length > 0)
            value = string.Format(CultureInfo.CurrentCulture, value, arguments);
        return new LocalizedString(name, value, resourceNotFound: !found);
    }

    static FrozenDictionary<string, string>? Current()
    {
        for (var c = CultureInfo.CurrentUICulture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
            if (Translations.TryGetValue(c.Name, out var table))
                return table;
        return null;
    }

    static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        var assembly = typeof(JsonStringLocalizer).Assembly;
        var tables = new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".json", StringComparison.Ordinal) && n.Contains(".Localization.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var map = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
            var culture = resource.Split(".Localization.")[1][..^".json".Length];
            tables[culture] = map.ToFrozenDictionary(StringComparer.Ordinal);
        }
        return tables.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}

internal sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    static readonly JsonStringLocalizer Instance = new();

    public IStringLocalizer Create(Type resourceSource) => Instance;

    public IStringLocalizer Create(string baseName, string location) => Instance;
}
