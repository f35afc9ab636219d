using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Jobs;

namespace ServiceFlow.Web.Features.Mail;

/// Administrators see every outgoing mail (the outbox row is the record, whether it went over SMTP or
/// into the pickup folder), filter by status, and resend failed ones with the same Message-Id.
[Authorize(Policy = Policies.Admin)]
internal sealed class SentMailModel(ServiceFlowDbContext db, IntentDispatcher dispatcher, IMailTransport transport, TimeProvider clock) : PageModel
{
    const int PageSize = 200;

    [BindProperty(SupportsGet = true)] public OutboxStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Resent { get; set; }

    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];
    public IReadOnlyDictionary<OutboxStatus, int> Counts { get; private set; } = new Dictionary<OutboxStatus, int>();
    public string? PickupFolder => (transport as PickupFolderMailTransport)?.Folder;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Outbox.AsNoTracking();
        if (Status is { } status)
            query = query.Where(m => m.Status == status);
        Messages = await query.OrderByDescending(m => m.CreatedAt).Take(PageSize).ToListAsync(ct);
        Counts = await db.Outbox.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    /// Failed → pending with a fresh attempt budget; the row (and so the Message-Id) stays the same.
    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var reset = await db.Outbox.Where(m => m.Id == id && m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now), ct);
        if (reset > 0) // 0: a double click, or someone else resent it first
        {
            var intent = OutboxDispatcher.Intend(db, id, now); // with the reset, so a lost hand-over is made again
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            dispatcher.AfterCommit([intent]);
        }
        return RedirectToPage(new { Status, Resent = id });
    }

    /// The .eml written to the pickup folder (no SMTP server configured).
    public async Task<IActionResult> OnGetEmlAsync(Guid id, CancellationToken ct)
    {
        if (transport is not PickupFolderMailTransport pickup)
            return NotFound();
        var messageId = await db.Outbox.Where(m => m.Id == id).Select(m => m.MessageId).SingleOrDefaultAsync(ct);
        if (messageId is null || !System.IO.File.Exists(pickup.PathFor(messageId)))
            return NotFound();
        return PhysicalFile(pickup.PathFor(messageId), "message/rfc822", $"{id:N}.eml");
    }
}
