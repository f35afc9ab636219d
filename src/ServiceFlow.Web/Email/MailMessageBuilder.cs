using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ServiceFlow.Web.Email;

internal sealed class MailMessageBuilder(IOptions<SmtpOptions> smtp, IOptions<EmailOptions> email, TimeProvider time)
{
    public const string TicketHeader = "X-ServiceFlow-Ticket";

    // MimeKit keeps Message-Ids without the angle brackets.
    public string MessageIdFor(Guid outboxId) => $"{outboxId:N}@{email.Value.MessageIdDomain}";

    public MimeMessage Build(OutgoingMail mail)
    {
        if (mail.To.Count == 0)
        {
            throw new ArgumentException("A mail needs at least one recipient.", nameof(mail));
        }

        var message = new MimeMessage
        {
            MessageId = Unbracket(mail.MessageId),
            Date = mail.Date ?? time.GetUtcNow(),
            Subject = mail.Content.Subject,
        };
        message.From.Add(new MailboxAddress(smtp.Value.FromName, smtp.Value.FromAddress));
        message.To.AddRange(mail.To);

        if (!string.IsNullOrWhiteSpace(mail.InReplyTo))
        {
            message.InReplyTo = Unbracket(mail.InReplyTo);
        }

        foreach (var reference in mail.References ?? [])
        {
            message.References.Add(Unbracket(reference));
        }

        if (!string.IsNullOrWhiteSpace(mail.TicketNumber))
        {
            message.Headers.Add(TicketHeader, mail.TicketNumber);
        }

        // RFC 3834: we are a machine; out-of-office robots should not answer us and start a loop.
        message.Headers.Add(HeaderId.AutoSubmitted, "auto-generated");

        var text = new TextPart("plain");
        text.SetText(Encoding.UTF8, mail.Content.TextBody);
        var html = new TextPart("html");
        html.SetText(Encoding.UTF8, mail.Content.HtmlBody);
        var body = new MultipartAlternative { text, html };
        if (mail.Attachments is not { Count: > 0 } files)
        {
            message.Body = body;
            return message;
        }

        var mixed = new Multipart("mixed") { body };
        foreach (var file in files)
        {
            mixed.Add(new MimePart(ContentType.Parse(file.ContentType))
            {
                Content = new MimeContent(new MemoryStream(file.Content)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = file.FileName,
            });
        }

        message.Body = mixed;
        return message;
    }

    private static string Unbracket(string id) => id.Trim().TrimStart('<').TrimEnd('>');
}
