using MimeKit;
using ServiceFlow.Web.Email;

namespace ServiceFlow.Web.Tests.Email;

public sealed class InboundMailClassifierTests
{
    [Theory]
    [InlineData("Auto-Submitted", "auto-replied", true)]
    [InlineData("Auto-Submitted", "auto-generated; owner-email=x@y", true)]
    [InlineData("Auto-Submitted", "no", false)]
    [InlineData("X-Autoreply", "yes", true)]
    [InlineData("Precedence", "bulk", true)]
    [InlineData("Precedence", "junk", true)]
    [InlineData("Precedence", "auto_reply", true)]
    [InlineData("X-Auto-Response-Suppress", "All", true)]
    [InlineData("X-Mailer", "Outlook", false)]
    public void IsAutoReply_RecognisesRobotHeaders(string header, string value, bool expected)
    {
        var message = Person();
        message.Headers.Add(header, value);

        InboundMailClassifier.IsAutoReply(message).Should().Be(expected);
    }

    [Theory]
    [InlineData("MAILER-DAEMON@mx.customer.test", true)]
    [InlineData("postmaster@customer.test", true)]
    [InlineData("xiaoming@customer.test", false)]
    public void IsBounce_RecognisesDaemonSenders(string from, bool expected)
    {
        var message = Person();
        message.From.Clear();
        message.From.Add(MailboxAddress.Parse(from));

        InboundMailClassifier.IsBounce(message).Should().Be(expected);
    }

    private static MimeMessage Person()
    {
        var message = new MimeMessage { Subject = "Re: [SR-1] printer" };
        message.From.Add(new MailboxAddress("王小明", "xiaoming@customer.test"));
        message.Body = new TextPart("plain") { Text = "Still broken." };
        return message;
    }
}
