using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ServiceFlow.Web.Email;

internal sealed class SmtpMailTransport(IOptions<SmtpOptions> options, ILogger<SmtpMailTransport> logger) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        using var client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(o.Host ?? throw new InvalidOperationException("Smtp:Host is not configured."), o.Port, o.TlsMode.ToSecureSocketOptions(), cancellationToken);
            if (!string.IsNullOrEmpty(o.UserName))
            {
                await client.AuthenticateAsync(o.UserName, o.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            logger.SentViaSmtp(message.MessageId, o.Host, o.Port);
        }
        catch (SmtpCommandException e)
        {
            // 5xx is the server's final word on this message or recipient; 4xx means "try later".
            var permanent = (int)e.StatusCode >= 500 && e.ErrorCode != SmtpErrorCode.UnexpectedStatusCode;
            throw new MailDeliveryException(
                $"SMTP server {o.Host}:{o.Port} refused message {message.MessageId}: {(int)e.StatusCode} {e.Message}", e, permanent);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException or ProtocolException
                                      or ServiceNotConnectedException or AuthenticationException or SslHandshakeException)
        {
            throw new MailDeliveryException(
                $"SMTP server {o.Host}:{o.Port} could not take message {message.MessageId} ({e.GetType().Name}: {e.Message}); it will be retried.", e, isPermanent: false);
        }
    }
}
