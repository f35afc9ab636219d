using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Designer;

public enum DraftState { None, UnpublishedChanges, Invalid }

/// Every workflow: its published version, the state of its draft and where instances run.
[Authorize(Policy = Policies.ProcessOwner)]
internal sealed class WorkflowListModel(ServiceFlowDbContext db, IAntiforgery antiforgery, Localization.WorkflowText workflowText,
    Microsoft.Extensions.Localization.IStringLocalizer l) : PageModel
{
    public sealed record Row(string Key, string? Name, int? PublishedVersion, DateTimeOffset? PublishedAt, DraftState Draft,
        string? DraftBy, DateTimeOffset? DraftAt, IReadOnlyList<(int Version, int Count)> Running);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Error { get; private set; }
    public string RequestToken { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// "New workflow": from blank, or from a copy of an existing one; the designer does the rest.
    public async Task<IActionResult> OnGetNewAsync(string? key, string? copyOf, CancellationToken ct)
    {
        key = key?.Trim() ?? "";
        // Without a key (the "Copy" link followed without script) the page just offers the form with the copy chosen.
        if (key.Length == 0)
        {
            await LoadAsync(ct);
            return Page();
        }
        if (DraftStore.CheckKey(key) is not null)
            Error = l["'{0}' is not a valid workflow key: start with a letter or _, then letters, digits, '_', '.' or '-'.", key];
        else if (await db.WorkflowDefinitions.AnyAsync(d => d.Key == key, ct) || await db.WorkflowDrafts.AnyAsync(d => d.Key == key, ct))
            Error = l["A workflow with the key '{0}' exists already; open it or choose another key.", key];
        if (Error is not null)
        {
            await LoadAsync(ct);
            return Page();
        }
        return Redirect($"/workflows/{Uri.EscapeDataString(key)}/design" + (string.IsNullOrEmpty(copyOf) ? "" : $"?copyOf={Uri.EscapeDataString(copyOf)}"));
    }

    async Task LoadAsync(CancellationToken ct)
    {
        RequestToken = antiforgery.GetAndStoreTokens(HttpContext).RequestToken ?? "";
        var latest = await db.WorkflowDefinitions.AsNoTracking()
            .GroupBy(d => d.Key)
            .Select(g => g.OrderByDescending(d => d.Version).Select(d => new { d.Id, d.Key, d.Name, d.Version, d.PublishedAt, d.ContentHash }).First())
            .ToListAsync(ct);
        var drafts = await db.WorkflowDrafts.AsNoTracking()
            .Select(d => new { d.Key, d.ContentHash, d.Executable, d.UpdatedBy, d.UpdatedAt })
            .ToDictionaryAsync(d => d.Key, ct);
        var running = await db.ProcessInstances.Where(i => i.Status == InstanceStatus.Running)
            .GroupBy(i => new { i.WorkflowKey, i.Version })
            .Select(g => new { g.Key.WorkflowKey, g.Key.Version, Count = g.Count() })
            .ToListAsync(ct);
        var published = latest.ToDictionary(d => d.Key);
        // The name in the reader's language when the workflow gives one (sf:name-zh-CN on the process).
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var p in latest)
            names[p.Key] = await workflowText.ProcessNameAsync(p.Id, ct) ?? p.Name;
        Rows = published.Keys.Union(drafts.Keys).Order(StringComparer.Ordinal).Select(key =>
        {
            var p = published.GetValueOrDefault(key);
            var d = drafts.GetValueOrDefault(key);
            var state = d is null || d.ContentHash == p?.ContentHash ? DraftState.None
                : d.Executable ? DraftState.UnpublishedChanges : DraftState.Invalid;
            return new Row(key, names.GetValueOrDefault(key), p?.Version, p?.PublishedAt, state, d?.UpdatedBy, d?.UpdatedAt,
                running.Where(r => r.WorkflowKey == key).OrderBy(r => r.Version).Select(r => (r.Version, r.Count)).ToList());
        }).ToList();
    }
}
