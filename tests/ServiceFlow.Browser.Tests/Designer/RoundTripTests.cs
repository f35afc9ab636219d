using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Designer;

/// Open a model in the real designer page, change one thing, save: the stored draft differs from the
/// file only there. Whatever the designer does not edit (sf: extensions, other vendors' attributes and
/// extension elements, documentation, the layout of untouched shapes) comes back as it was.
[Collection(DesignerCollection.Name)]
public sealed partial class RoundTripTests(BrowserApp app)
{
    const string NewName = "Renamed in the designer 设计器改名";
    static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static readonly XNamespace Di = "http://www.omg.org/spec/BPMN/20100524/DI";

    readonly DesignerSession session = new(app);

    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(DesignerSession.RepoRoot, "workflows"), "*.bpmn").Order(StringComparer.Ordinal))
            data.Add("workflows/" + Path.GetFileName(file));
        foreach (var file in Directory.GetFiles(DesignerSession.Miwg(""), "*.bpmn").Order(StringComparer.Ordinal))
            data.Add("bpmn-miwg/" + Path.GetFileName(file));
        data.Add("tests/vendor-extensions.bpmn");
        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task RenamingOneElementInThePanel_ChangesOnlyItsName(string model)
    {
        var original = await File.ReadAllTextAsync(PathOf(model));
        var key = await session.ImportAsDraftAsync(original);
        var page = await session.SignInAsync();

        await DesignerSession.OpenDesignerAsync(page, key);
        var target = await ElementToRenameAsync(page);
        await DesignerSession.RenameInPanelAsync(page, target, NewName);
        await DesignerSession.SaveAsync(page);

        var saved = await session.DraftXmlAsync(key);
        if (Environment.GetEnvironmentVariable("SERVICEFLOW_SCREENSHOTS") is { Length: > 0 } folder)
            await File.WriteAllTextAsync(Path.Combine(folder, Path.GetFileName(model) + ".saved.xml"), saved);
        var source = BpmnSemantics.Parse(original);
        var hadDiagram = source.Descendants(Di + "BPMNShape").Any();
        var diagrams = source.Root!.Elements(Di + "BPMNDiagram").Count();
        var subProcesses = source.Descendants(Bpmn + "subProcess").Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet();
        var unexpected = BpmnSemantics.Compare(original, saved)
            .Where(d => !IsTheRename(d, target) && !(!hadDiagram && IsGeneratedLayout(d)) && !IsDrillDownPlane(d, diagrams, subProcesses))
            .ToList();
        var dangling = DanglingReferences(original, unexpected);
        unexpected.Except(dangling).Should().BeEmpty($"only the name of '{target}' was changed in {model}");
        if (dangling.Count > 0) // a reference to nothing cannot be kept by bpmn-js; it must not vanish unannounced
            await Expect(page.GetByTestId("import-warnings")).ToContainTextAsync("unresolved reference");
        if (!hadDiagram)
            EveryFlowNodeIsDrawn(saved);
    }

    [Fact]
    public async Task ChangingAnElementsType_KeepsItsExtensions_AndOtherVendorsAttributes()
    {
        var original = await File.ReadAllTextAsync(PathOf("tests/vendor-extensions.bpmn"));
        var key = await session.ImportAsDraftAsync(original);
        var page = await session.SignInAsync();
        await DesignerSession.OpenDesignerAsync(page, key);

        // Through the context pad's wrench, as a process owner would: task → user task.
        await page.EvaluateAsync("id => window.serviceFlowDesigner.selectElement(id)", "classify");
        await page.Locator(".djs-context-pad .entry[data-action=replace]").ClickAsync();
        await page.Locator(".djs-popup [data-id=replace-with-user-task]").ClickAsync();
        await page.Keyboard.PressAsync("Control+s");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync(SavedVersion());

        var saved = await session.DraftXmlAsync(key);
        BpmnSemantics.Parse(saved).Descendants(Bpmn + "userTask").Select(e => (string?)e.Attribute("id")).Should().Equal("classify");
        BpmnSemantics.Compare(original, saved)
            .Where(d => !(d.Path.EndsWith("/#classify", StringComparison.Ordinal) && d.Fact.StartsWith('<')))
            .Should().BeEmpty("only the element's type changed");
    }

    [Fact]
    public async Task AddingAUserTaskToTheShippedLifecycle_KeepsTheMailInputs_AndPublishesWithoutWarnings()
    {
        var published = await File.ReadAllTextAsync(DesignerSession.Shipped("service-exception.bpmn"));
        var key = await session.ImportAsDraftAsync(published);
        var page = await session.SignInAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) => { dialogs.Add(dialog.Message); await dialog.DismissAsync(); };
        await DesignerSession.OpenDesignerAsync(page, key);

        // A follow-up call between "Tell the customer" and the survey (drag-and-drop is impractical headless).
        await page.EvaluateAsync("""
            () => {
              const m = window.serviceFlowDesigner.modeler;
              const registry = m.get('elementRegistry');
              const task = m.get('bpmnFactory').create('bpmn:UserTask', { id: 'followUp', name: 'Call the customer' });
              const shape = m.get('elementFactory').createShape({ type: 'bpmn:UserTask', businessObject: task });
              const created = m.get('modeling').createShape(shape, { x: 1290, y: 470 }, m.get('canvas').getRootElement());
              m.get('modeling').reconnectEnd(registry.get('notified'), created, { x: created.x, y: created.y + 40 });
              m.get('modeling').connect(created, registry.get('survey'));
              window.serviceFlowDesigner.selectElement('followUp');
            }
            """);
        await page.Locator("#bio-properties-panel-sf-candidateGroups").SelectOptionAsync("FrontLine");
        await DesignerSession.SaveAsync(page);
        await Expect(page.GetByTestId("problems")).ToContainTextAsync("No problems found.");
        var draft = await session.DraftXmlAsync(key);
        var inputs = BpmnSemantics.Parse(draft).Descendants().Where(e => (string?)e.Attribute("id") == "notify")
            .Descendants(XName.Get("input", "https://serviceflow.dev/bpmn")).Select(e => (string?)e.Attribute("name"));
        inputs.Should().Equal("reopen_days", "resolver", "resolution");
        // The flow "notified" now ends at the new task; nothing else of the shipped file may be gone.
        BpmnSemantics.Compare(published, draft).Where(d => d.Removed && !d.Path.Contains("notified", StringComparison.Ordinal)
            && !d.Fact.StartsWith("text=notified", StringComparison.Ordinal)).Should().BeEmpty("adding a task removes nothing");

        await page.GetByTestId("publish").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync(new Regex(@"^Published version \d+\.$"));
        dialogs.Should().BeEmpty("nothing was lost, so publishing asks nothing");
    }

    static string PathOf(string model) => model.Split('/', 2) switch
    {
        ["workflows", var name] => DesignerSession.Shipped(name),
        ["bpmn-miwg", var name] => DesignerSession.Miwg(name),
        [_, var name] => Path.Combine(DesignerSession.RepoRoot, "tests", "ServiceFlow.Browser.Tests", "Designer", "Models", name),
        _ => throw new ArgumentException(model),
    };

    /// The first task (else event) the designer drew; a process without a participant in a collaboration is not drawn.
    static Task<string> ElementToRenameAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const all = window.serviceFlowDesigner.modeler.get('elementRegistry').filter((e) => e.type !== 'label' && !e.hidden);
          return (all.find((e) => /Task$/.test(e.type)) || all.find((e) => /Event$/.test(e.type))).id;
        }
        """);

    static bool IsTheRename(BpmnSemantics.Difference d, string id) =>
        (d.Path.EndsWith("/#" + id, StringComparison.Ordinal) && d.Fact.StartsWith("@name=", StringComparison.Ordinal))
        || d.Path.Contains($"BPMNShape[{id}]/{{bpmndi}}BPMNLabel", StringComparison.Ordinal); // its label's box fits the new text

    /// bpmn-js gives a collapsed sub-process its own (empty) plane, to draw its content when one drills down.
    static bool IsDrillDownPlane(BpmnSemantics.Difference d, int diagramsBefore, HashSet<string> subProcesses)
    {
        var match = NewDiagram().Match(d.Path);
        return !d.Removed && match.Success && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > diagramsBefore
            && (d.Fact is "<{bpmndi}BPMNDiagram>" or "<{bpmndi}BPMNPlane>"
                || (d.Fact.StartsWith("@bpmnElement=", StringComparison.Ordinal) && subProcesses.Contains(d.Fact["@bpmnElement=".Length..])));
    }

    static bool IsGeneratedLayout(BpmnSemantics.Difference d) => !d.Removed && d.Path.StartsWith("/{bpmndi}BPMNDiagram", StringComparison.Ordinal);

    /// Removed references whose target is no element of the document (bpmn-moddle cannot keep those).
    static List<BpmnSemantics.Difference> DanglingReferences(string original, List<BpmnSemantics.Difference> differences)
    {
        var ids = BpmnSemantics.Ids(original);
        var danglingPaths = differences
            .Where(d => d.Removed && RefElement().IsMatch(d.Path) && d.Fact.StartsWith("text=", StringComparison.Ordinal)
                && !ids.Contains(d.Fact["text=".Length..].Split(':')[^1]))
            .Select(d => d.Path).ToHashSet();
        return [.. differences.Where(d => d.Removed && danglingPaths.Contains(d.Path))];
    }

    static void EveryFlowNodeIsDrawn(string saved)
    {
        var doc = BpmnSemantics.Parse(saved);
        var drawn = doc.Descendants(Di + "BPMNShape").Select(s => (string?)s.Attribute("bpmnElement"))
            .Concat(doc.Descendants(Di + "BPMNEdge").Select(s => (string?)s.Attribute("bpmnElement"))).ToHashSet();
        var elements = doc.Descendants().Where(e => e.Parent?.Name.LocalName is "process" or "subProcess" && e.Attribute("id") is not null
            && e.Name.Namespace == Bpmn && e.Name.LocalName is not ("extensionElements" or "documentation"));
        elements.Select(e => (string)e.Attribute("id")!).Where(id => !drawn.Contains(id)).Should().BeEmpty("the generated layout draws every element");
    }

    [GeneratedRegex(@"^/\{bpmndi\}BPMNDiagram\[(\d+)\](/\{bpmndi\}BPMNPlane\[[^\]/]+\])?$")]
    private static partial Regex NewDiagram();

    [GeneratedRegex(@"/\{bpmn\}\w+Ref\[\d+\]$")]
    private static partial Regex RefElement();

    [GeneratedRegex(@"^Saved draft version \d+(\.|; it has problems to fix before publishing\.)$")]
    private static partial Regex SavedVersion();
}
