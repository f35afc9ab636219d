using MailKit.Security;

namespace ServiceFlow.Web.Email;

internal enum MailTlsMode
{
    // Plain text; only for loopback or trusted relays.
    None,
    StartTls,
    SslOnConnect,
    // TLS on connect for ports 465/993, STARTTLS when the server offers it otherwise.
    Auto,
}

internal static class MailTlsModeExtensions
{
    public static SecureSocketOptions ToSecureSocketOptions(this MailTlsMode mode) => mode switch
    {
        MailTlsMode.None => SecureSocketOptions.None,
        MailTlsMode.StartTls => SecureSocketOptions.StartTls,
        MailTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
