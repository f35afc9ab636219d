using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Forms;

/// Keeps the files of a form in the step that accepts the form: on a task of a ticket's lifecycle they become
/// the ticket's attachments (its count limit, read-only rule and timeline entry); elsewhere (a catalog
/// request) they are kept with the instance.
internal static class FormFiles
{
    public static async Task KeepAsync(StepContext ctx, Guid instanceId, string? businessKey, IReadOnlyList<UploadedFile> files, AttachmentOptions o)
    {
        if (files.Count == 0)
            return;
        var ticket = await TicketService.FindInStepAsync(ctx, businessKey);
        if (ticket is not null && ticket.InstanceId == instanceId)
        {
            if (ticket.IsReadOnly)
                throw RuntimeProblem.Conflict($"Ticket {ticket.Number} is archived; no file can be added to it.");
            // Lock the record: two completions at the same moment must not both pass the count check.
            await ctx.Db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM serviceflow.tickets WHERE \"Id\" = {ticket.Id} FOR UPDATE");
            var existing = await ctx.Db.Set<TicketAttachment>().CountAsync(a => a.TicketId == ticket.Id);
            foreach (var (file, i) in files.Select((f, i) => (f, i)))
            {
                if (AttachmentPolicy.Refusal(o, file.FileName, file.Content.LongLength, existing + i) is { } refusal)
                    throw refusal;
                TicketAttachments.Add(ctx, ticket, file.FileName, file.ContentType, file.Content, file.Id);
            }
            return;
        }
        foreach (var file in files)
        {
            ctx.Db.Add(new InstanceFile
            {
                Id = file.Id,
                InstanceId = instanceId,
                FieldKey = file.Key,
                FileName = file.FileName,
                ContentType = file.ContentType,
                Size = file.Content.LongLength,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content)),
                Content = file.Content,
                UploadedAt = ctx.Now,
                UploadedBy = ctx.User ?? "system",
            });
        }
    }
}
