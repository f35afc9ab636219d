using MailKit.Security;

namespace ServiceFlow.Web.Email;

internal enum MailTlsMode
{
    /// <summary>Plain text; only for loopback or trusted relays.</summary>
    None,
    StartTls,
    SslOnConnect,
    /// <summary>TLS on connect for ports 465/993, STARTTLS when the server offers it otherwise.</summary>
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
