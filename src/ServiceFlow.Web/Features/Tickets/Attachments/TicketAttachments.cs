using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// Adding and removing a record's files: the same rights and read-only rule as any other change of
/// the record (`TicketService.ChangeAsync`), and each one on the record's timeline.
internal sealed class TicketAttachments(TicketService tickets, IOptions<AttachmentOptions> options)
{
    public AttachmentOptions Options => options.Value;

    public Task<AttachmentDto> AddAsync(string number, string? fileName, string? contentType, byte[] content, ClaimsPrincipal user, CancellationToken ct) =>
        tickets.ChangeWithResultAsync(number, user, async (ctx, ticket) =>
        {
            var name = AttachmentPolicy.CleanFileName(fileName);
            // Lock the record: two uploads at the same moment must not both pass the count check.
            await ctx.Db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM serviceflow.tickets WHERE \"Id\" = {ticket.Id} FOR UPDATE", ct);
            var existing = await ctx.Db.Set<TicketAttachment>().CountAsync(a => a.TicketId == ticket.Id, ct);
            if (AttachmentPolicy.Refusal(Options, name, content.LongLength, existing) is { } refusal)
                throw refusal;
            return ToDto(Add(ctx, ticket, name, contentType, content));
        }, ct);

    /// Keeps a file with a record inside the caller's transaction, with its timeline entry
    /// (who, when, file name, size). The caller has applied the policy.
    public static TicketAttachment Add(StepContext ctx, Ticket ticket, string fileName, string? contentType, byte[] content, Guid? id = null)
    {
        var attachment = new TicketAttachment
        {
            Id = id ?? Guid.CreateVersion7(),
            TicketId = ticket.Id,
            FileName = AttachmentPolicy.CleanFileName(fileName),
            ContentType = AttachmentPolicy.CleanContentType(contentType),
            Size = content.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Content = content,
            UploadedAt = ctx.Now,
            UploadedBy = ctx.User ?? "system",
        };
        ctx.Db.Add(attachment);
        TicketService.Entry(ctx, ticket, TicketEntryKind.Attachment, attachment.FileName, AttachmentPolicy.Format(attachment.Size), attachment.ContentType);
        return attachment;
    }

    /// The uploader may take back a file they added by mistake; supervisors and administrators may remove any.
    public Task<string> RemoveAsync(string number, Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        tickets.ChangeWithResultAsync(number, user, async (ctx, ticket) =>
        {
            var found = await ctx.Db.Set<TicketAttachment>().Where(a => a.Id == id && a.TicketId == ticket.Id)
                .Select(a => new { a.FileName, a.UploadedBy }).SingleOrDefaultAsync(ct)
                ?? throw RuntimeProblem.NotFound($"Ticket {number} has no attachment {id}.");
            var mayRemove = user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin)
                || string.Equals(found.UploadedBy, user.Identity?.Name, StringComparison.OrdinalIgnoreCase);
            if (!mayRemove)
                throw RuntimeProblem.Forbidden($"'{found.FileName}' was added by {found.UploadedBy}; only they or a supervisor may remove it.");
            await ctx.Db.Set<TicketAttachment>().Where(a => a.Id == id).ExecuteDeleteAsync(ct);
            TicketService.Entry(ctx, ticket, TicketEntryKind.Change, "attachment", found.FileName, null);
            return found.FileName;
        }, ct);

    public static async Task<IReadOnlyList<AttachmentDto>> ListAsync(ServiceFlowDbContext db, Guid ticketId, CancellationToken ct) =>
        await db.Set<TicketAttachment>().AsNoTracking().Where(a => a.TicketId == ticketId).OrderBy(a => a.UploadedAt)
            .Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedAt, a.UploadedBy)).ToListAsync(ct);

    static AttachmentDto ToDto(TicketAttachment a) => new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedAt, a.UploadedBy);
}
