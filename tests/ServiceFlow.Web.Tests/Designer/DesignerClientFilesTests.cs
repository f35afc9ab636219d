using System.Text.Json;
using System.Text.RegularExpressions;
using ServiceFlow.Web.Tests.Infrastructure.Mail;

namespace ServiceFlow.Web.Tests.Designer;

/// The designer's data files agree with what the product promises: the moddle descriptor declares every
/// ServiceFlow extension the documentation names (bpmn-js drops an sf: element it has no type for), and
/// the two UI dictionaries hold the same keys, and the form editor's Chinese texts are for texts the editor shows.
public sealed partial class DesignerClientFilesTests
{
    static readonly string Client = Path.Combine(RepoPaths.Root, "src", "ServiceFlow.Web", "client");

    [Fact]
    public void Descriptor_DeclaresEveryExtensionTheDocumentationNames()
    {
        var documented = SfName().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "bpmn-extensions.md")))
            .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        using var descriptor = JsonDocument.Parse(File.ReadAllText(Path.Combine(Client, "sf.json")));
        var types = descriptor.RootElement.GetProperty("types").EnumerateArray().ToList();
        var elements = types.Where(t => !t.TryGetProperty("isAbstract", out _))
            .Select(t => char.ToLowerInvariant(t.GetProperty("name").GetString()![0]) + t.GetProperty("name").GetString()![1..]);
        var attributes = types.SelectMany(t => t.GetProperty("properties").EnumerateArray())
            .Where(p => p.TryGetProperty("isAttr", out var a) && a.GetBoolean()).Select(p => p.GetProperty("name").GetString()!);
        var declared = elements.Concat(attributes).ToHashSet(StringComparer.Ordinal);

        documented.Should().Contain(["input", "in", "out", "calendar", "candidateGroups", "correlationKey"], "the scan finds what the docs name");
        documented.Except(declared).Should().BeEmpty("every documented sf: element and attribute has a type in client/sf.json");
    }

    [Fact]
    public void Dictionaries_HaveTheSameKeys_AndTranslateEveryOne()
    {
        var en = Read("en.json");
        var zh = Read("zh-CN.json");

        zh.Keys.Should().BeEquivalentTo(en.Keys);
        en.Should().OnlyContain(kv => kv.Value.Length > 0);
        foreach (var (key, text) in zh)
        {
            Placeholders(text).Should().BeEquivalentTo(Placeholders(key), $"the translation of \"{key}\" keeps its placeholders");
            if (key is not ("ServiceFlow" or "ID"))
                Han().IsMatch(text).Should().BeTrue($"\"{key}\" is translated (got \"{text}\")");
        }
    }

    [Fact]
    public void FormEditorDictionary_TranslatesEveryText_ThatFormJsShows()
    {
        var zh = Read("formeditor.zh-CN.json");
        // form-js writes these texts as literals in its packages (installed by dotnet build): a key missing from them
        // is a text form-js no longer shows, a sign that an upgrade renamed it and the Chinese reader sees English.
        var packages = Path.Combine(Client, "node_modules", "@bpmn-io");
        var source = File.ReadAllText(Path.Combine(packages, "form-js-editor", "dist", "index.es.js"))
            + File.ReadAllText(Path.Combine(packages, "form-js-viewer", "dist", "index.es.js"));

        zh.Should().HaveCountGreaterThan(150).And.ContainKeys("Search components", "General", "Field label", "Text field");
        zh.Keys.Where(key => !source.Contains(key, StringComparison.Ordinal)).Should().BeEmpty("every key is a text of the form-js editor");
        zh.Where(kv => !Han().IsMatch(kv.Value)).Should().BeEmpty("every text is translated");
    }

    static Dictionary<string, string> Read(string name) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Client, "src", "i18n", name)))!;

    static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"\bsf:([A-Za-z]+)")]
    private static partial Regex SfName();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
