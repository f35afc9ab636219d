using MimeKit;

namespace ServiceFlow.Web.Email;

internal interface IMailTransport
{
    // Throws MailDeliveryException; IsPermanent tells the outbox whether a retry can help.
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default);
}
