using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Designer;

/// The bpmn-js modeler for one workflow. The page only hands over the key, the pick-lists and, for a
/// new workflow started from a copy, the copied XML; loading and saving go through /api/workflows.
[Authorize(Policy = Policies.ProcessOwner)]
internal sealed class DesignModel(ServiceFlowDbContext db, MailTemplateRenderer templates, ServiceTaskHandlers handlers, IAntiforgery antiforgery,
    Localization.WorkflowText workflowText) : PageModel
{
    public sealed record PickLists(IReadOnlyList<string> Groups, IReadOnlyList<string> Templates, IReadOnlyList<string> Calendars, IReadOnlyList<string> HandlerTypes);

    public string Key { get; private set; } = "";
    /// The published workflow's name in the reader's language and its key ("服务异常处理流程 (service-exception)"); the key alone before it is published.
    public string Title { get; private set; } = "";
    public string? CopyXml { get; private set; }
    public PickLists Options { get; private set; } = null!;
    public string RequestToken { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string key, string? copyOf, CancellationToken ct)
    {
        if (DraftStore.CheckKey(key) is not null)
            return NotFound();
        Key = key;
        Options = new PickLists(Roles.All, [.. templates.TemplateNames], ["default"], [.. handlers.Names]);
        RequestToken = antiforgery.GetAndStoreTokens(HttpContext).RequestToken ?? "";
        var published = await DefinitionStore.NewestFirst(db.WorkflowDefinitions, key).Select(d => new { d.Id, d.Name }).FirstOrDefaultAsync(ct);
        var name = published is null ? null : await workflowText.ProcessNameAsync(published.Id, ct) ?? published.Name;
        Title = !string.IsNullOrWhiteSpace(name) && name != key ? $"{name} ({key})" : key;
        var exists = published is not null || await db.WorkflowDrafts.AnyAsync(d => d.Key == key, ct);
        if (!exists && !string.IsNullOrEmpty(copyOf))
        {
            var source = await db.WorkflowDrafts.Where(d => d.Key == copyOf).Select(d => d.Xml).SingleOrDefaultAsync(ct)
                ?? await DefinitionStore.NewestFirst(db.WorkflowDefinitions, copyOf).Select(d => d.Xml).FirstOrDefaultAsync(ct);
            CopyXml = source is null ? null : RenameProcess(source, copyOf, key);
        }
        return Page();
    }

    /// The copy gets the new key as its process id (and the diagram follows); the rest is kept as written.
    static string? RenameProcess(string xml, string from, string to)
    {
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            doc = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
        foreach (var element in doc.Descendants())
        {
            if (element.Name.LocalName == "process" && (string?)element.Attribute("id") == from)
                element.SetAttributeValue("id", to);
            if ((string?)element.Attribute("bpmnElement") == from)
                element.SetAttributeValue("bpmnElement", to);
            if (element.Name.LocalName == "participant" && (string?)element.Attribute("processRef") == from)
                element.SetAttributeValue("processRef", to);
        }
        return doc.Declaration + Environment.NewLine + doc.ToString();
    }
}
