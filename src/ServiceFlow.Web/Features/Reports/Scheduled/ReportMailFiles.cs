using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Email;

namespace ServiceFlow.Web.Features.Reports.Scheduled;

/// Attaches a scheduled report's workbook when its mail is sent; the file was written with the outbox row.
internal sealed class ReportMailFiles : IMailAttachmentSource
{
    public async Task<IReadOnlyList<MailAttachment>> AttachmentsAsync(OutboxMessage message, ServiceFlowDbContext db, CancellationToken ct)
    {
        if (message.Template != ScheduledReportJob.Template)
            return [];
        var file = await db.Set<ReportMailFile>().AsNoTracking().SingleOrDefaultAsync(f => f.OutboxId == message.Id, ct)
            ?? throw new InvalidOperationException($"The workbook of scheduled-report mail {message.Id} is missing.");
        return [new MailAttachment(file.FileName, Exports.ReportExports.XlsxType, file.Content)];
    }
}
