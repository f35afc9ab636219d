using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Tests.Infrastructure.Mail;

namespace ServiceFlow.Web.Tests.Email;

internal static class MailTestServices
{
    public static readonly MailTemplateRenderer Renderer = MailTemplateRenderer.Load(RepoPaths.Templates);

    public static SmtpOptions Smtp(SmtpSinkServer sink) => new()
    {
        Host = sink.Host,
        Port = sink.Port,
        TlsMode = MailTlsMode.None,
        FromAddress = "servicedesk@serviceflow.test",
        FromName = "IT 服务台",
        TimeoutSeconds = 10,
    };

    public static MailMessageBuilder Builder(SmtpOptions smtp) =>
        new(Options.Create(smtp), Options.Create(new EmailOptions()), TimeProvider.System);

    public static SmtpMailTransport Transport(SmtpOptions smtp) =>
        new(Options.Create(smtp), NullLogger<SmtpMailTransport>.Instance);

    public static ImapMailboxReader Reader(DovecotServer imap) => new(
        Options.Create(new ImapOptions
        {
            Host = imap.Host,
            Port = imap.Port,
            TlsMode = MailTlsMode.None,
            UserName = imap.UserName,
            Password = imap.Password,
            TimeoutSeconds = 10,
        }),
        NullLogger<ImapMailboxReader>.Instance);

    public static OutgoingMail TicketReceived(Guid outboxId, MailMessageBuilder builder, string? inReplyTo = null) => new(
        [new MailboxAddress("王小明", "xiaoming@customer.test")],
        Renderer.Render("ticket-received", "zh-CN", GoldenModels.For("ticket-received")),
        builder.MessageIdFor(outboxId),
        InReplyTo: inReplyTo,
        References: inReplyTo is null ? null : [inReplyTo],
        TicketNumber: "SR-2025-000123");
}
