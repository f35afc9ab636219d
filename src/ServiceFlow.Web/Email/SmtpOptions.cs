using System.ComponentModel.DataAnnotations;

namespace ServiceFlow.Web.Email;

// Configuration section Smtp. With no Host mail goes to the pickup folder.
internal sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public MailTlsMode TlsMode { get; set; } = MailTlsMode.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "servicedesk@localhost";

    public string FromName { get; set; } = "ServiceFlow";

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
