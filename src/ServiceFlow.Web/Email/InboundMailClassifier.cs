using MimeKit;

namespace ServiceFlow.Web.Email;

// Robots must not open tickets or reply to the customer's ticket thread, or two robots
// can mail each other forever.
internal static class InboundMailClassifier
{
    private static readonly string[] AutoPrecedence = ["bulk", "junk", "auto_reply", "list"];

    public static bool IsAutoReply(MimeMessage message)
    {
        var headers = message.Headers;
        var autoSubmitted = headers[HeaderId.AutoSubmitted];
        if (autoSubmitted is not null && !FirstToken(autoSubmitted).Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || headers.Contains("X-Auto-Response-Suppress"))
        {
            return true;
        }

        var precedence = headers[HeaderId.Precedence];
        return precedence is not null && AutoPrecedence.Contains(FirstToken(precedence), StringComparer.OrdinalIgnoreCase);
    }

    public static bool IsBounce(MimeMessage message)
    {
        if (message.Body is MultipartReport report
            && string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return message.From.Mailboxes.Concat(message.Sender is null ? [] : [message.Sender]).Any(m =>
            m.LocalPart.Equals("MAILER-DAEMON", StringComparison.OrdinalIgnoreCase)
            || m.LocalPart.Equals("postmaster", StringComparison.OrdinalIgnoreCase));
    }

    private static string FirstToken(string value) => value.Split(';', 2)[0].Trim();
}
