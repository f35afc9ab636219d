using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Validation;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Forms;

/// Form drafts: saved by the designer's form editor (never over a newer save), published as new form
/// versions when a workflow naming them is published.
internal static class FormDrafts
{
    public static async Task<Results<Ok<FormsApi.FormDraftSaved>, ProblemHttpResult>> SaveAsync(ServiceFlowDbContext db, string key, string content,
        uint expected, string? user, DateTimeOffset now, IReadOnlyList<string> problems, CancellationToken ct)
    {
        var draft = await db.ArtifactDrafts.SingleOrDefaultAsync(d => d.Kind == ArtifactKinds.Form && d.Key == key, ct);
        if ((draft?.RowVersion ?? 0) != expected)
            return Problems.Conflict($"The draft of form '{key}' was saved by {draft?.UpdatedBy ?? "someone else"} since you opened it "
                + $"(draft version {draft?.RowVersion ?? 0}; you edited {expected}); reload it, then apply your changes again.");
        if (draft is null)
            db.ArtifactDrafts.Add(draft = new ArtifactDraft { Kind = ArtifactKinds.Form, Key = key });
        draft.Content = content;
        draft.UpdatedBy = user;
        draft.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict($"The draft of form '{key}' was saved by someone else at the same moment; reload it, then apply your changes again.");
        }
        return TypedResults.Ok(new FormsApi.FormDraftSaved(key, draft.RowVersion, problems));
    }

    /// Before a workflow is published: the drafts of the forms it names become new versions (the workflow
    /// version then pins them). A draft with problems stops the publish, named like any other error.
    public static async Task<IReadOnlyList<ValidationIssue>> PublishForAsync(ServiceFlowDbContext db, FormStore forms, string xml, string? user, CancellationToken ct)
    {
        var (document, _) = DefinitionStore.Validate(xml);
        if (document is null || document.Processes.IsEmpty)
            return [];
        var named = FormStore.NamedBy(DefinitionStore.MainProcess(document)).Where(x => FormStore.IsOurs(x.Key)).ToList();
        var keys = named.Select(x => x.Key).Distinct().ToList();
        var drafts = await db.ArtifactDrafts.Where(d => d.Kind == ArtifactKinds.Form && keys.Contains(d.Key)).ToListAsync(ct);
        var problems = drafts.SelectMany(d => FormSchema.Parse(d.Key, d.Content).Problems.Select(p => (d.Key, p)))
            .Select(x => new ValidationIssue(Severity.Error, named.First(n => n.Key == x.Key).Node.Id, null, "form-invalid", x.p)).ToList();
        if (problems.Count > 0 || drafts.Count == 0)
            return problems;
        foreach (var draft in drafts)
        {
            await forms.AddVersionAsync(db, draft.Key, draft.Content, user, ct);
            db.ArtifactDrafts.Remove(draft);
        }
        await db.SaveChangesAsync(ct);
        return [];
    }
}
