using System.ComponentModel.DataAnnotations;

namespace ServiceFlow.Web.Email;

// Configuration section Imap: the service-desk mailbox polled for new tickets and replies.
internal sealed class ImapOptions
{
    public const string Section = "Imap";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 993;

    public MailTlsMode TlsMode { get; set; } = MailTlsMode.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Required]
    public string Folder { get; set; } = "INBOX";

    // Upper bound per poll so one huge backlog cannot stall a job.
    [Range(1, 10_000)]
    public int MaxMessagesPerPoll { get; set; } = 100;

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    // How often each node polls (BackgroundService); nodes take turns through a row lock.
    [Range(1, 86_400)]
    public int PollSeconds { get; set; } = 60;

    // A new mail (not a reply) starts this workflow when it is published; otherwise it waits as "unassigned".
    [Required]
    public string IntakeWorkflowKey { get; set; } = "email-intake";

    // A ticket number in a subject links a mail to that ticket (business key) when no Message-Id matches.
    [Required]
    public string TicketNumberPattern { get; set; } = @"\b[A-Z]{2,4}-\d{4}-\d{6}\b";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
