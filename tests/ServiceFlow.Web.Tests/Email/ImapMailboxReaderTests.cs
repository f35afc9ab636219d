using System.Text;
using MimeKit;
using ServiceFlow.Web.Tests.Infrastructure.Mail;

namespace ServiceFlow.Web.Tests.Email;

[Collection(MailServersCollection.Name)]
public sealed class ImapMailboxReaderTests(MailServersFixture servers)
{
    [Fact]
    public async Task FetchNewAsync_ReturnsAppendedMessage_ThenNothingAfterItsUid()
    {
        var reply = CustomerReply();
        var uid = await servers.Imap.AppendAsync(reply);
        var reader = MailTestServices.Reader(servers.Imap);

        var first = await reader.FetchNewAsync(lastUid: uid - 1, knownUidValidity: null);
        var second = await reader.FetchNewAsync(first.LastUid, first.UidValidity);

        var mail = first.Messages.Should().ContainSingle().Subject;
        mail.Uid.Should().Be(uid);
        mail.MessageId.Should().Be(reply.MessageId);
        mail.InReplyTo.Should().Be("0b7c6f1e7d1a4a579b360c1f0c4c2a11@serviceflow");
        mail.References.Should().Equal("0b7c6f1e7d1a4a579b360c1f0c4c2a11@serviceflow");
        mail.FromAddress.Should().Be("xiaoming@customer.test");
        mail.FromName.Should().Be("王小明");
        mail.Subject.Should().Be("Re: [SR-2025-000123] 我们已收到您的服务请求");
        mail.TextBody.Should().Contain("截图见附件");
        mail.HtmlBody.Should().Contain("<p>截图见附件</p>");
        var attachment = mail.Attachments.Should().ContainSingle().Subject;
        attachment.FileName.Should().Be("错误截图.txt");
        attachment.ContentType.Should().Be("text/plain");
        Encoding.UTF8.GetString(attachment.Content).Should().Be("certificate expired");
        mail.IsAutoReply.Should().BeFalse();
        mail.IsBounce.Should().BeFalse();
        first.LastUid.Should().Be(uid);
        second.Messages.Should().BeEmpty();
        second.LastUid.Should().Be(uid);
        second.UidValidityChanged.Should().BeFalse();
    }

    [Fact]
    public async Task FetchNewAsync_FlagsAutoRepliesAndBounces()
    {
        var reader = MailTestServices.Reader(servers.Imap);
        var before = await reader.FetchNewAsync(0, null);
        var outOfOffice = CustomerReply();
        outOfOffice.Subject = "自动回复: [SR-2025-000123] 我们已收到您的服务请求";
        outOfOffice.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        await servers.Imap.AppendAsync(outOfOffice);
        await servers.Imap.AppendAsync(Bounce());

        var result = await reader.FetchNewAsync(before.LastUid, before.UidValidity);

        result.Messages.Should().HaveCount(2);
        result.Messages[0].IsAutoReply.Should().BeTrue();
        result.Messages[0].IsBounce.Should().BeFalse();
        result.Messages[1].IsBounce.Should().BeTrue();
        result.Messages[1].Subject.Should().Be("Delivery Status Notification (Failure)");
    }

    [Fact]
    public async Task FetchNewAsync_DifferentUidValidity_RereadsFolderAndSaysSo()
    {
        var uid = await servers.Imap.AppendAsync(CustomerReply());
        var reader = MailTestServices.Reader(servers.Imap);
        var current = await reader.FetchNewAsync(uid, null);

        var result = await reader.FetchNewAsync(uid, current.UidValidity + 1);

        result.UidValidityChanged.Should().BeTrue();
        result.UidValidity.Should().Be(current.UidValidity);
        result.Messages.Select(m => m.Uid).Should().Contain(uid);
    }

    private static MimeMessage CustomerReply()
    {
        var message = new MimeMessage
        {
            MessageId = $"{Guid.NewGuid():N}@customer.test",
            Subject = "Re: [SR-2025-000123] 我们已收到您的服务请求",
            InReplyTo = "0b7c6f1e7d1a4a579b360c1f0c4c2a11@serviceflow",
        };
        message.References.Add("0b7c6f1e7d1a4a579b360c1f0c4c2a11@serviceflow");
        message.From.Add(new MailboxAddress("王小明", "xiaoming@customer.test"));
        message.To.Add(new MailboxAddress("IT 服务台", "servicedesk@serviceflow.test"));
        var body = new BodyBuilder { TextBody = "您好，截图见附件。", HtmlBody = "<p>截图见附件</p>" };
        body.Attachments.Add("错误截图.txt", Encoding.UTF8.GetBytes("certificate expired"), new ContentType("text", "plain"));
        message.Body = body.ToMessageBody();
        return message;
    }

    // Shaped like a real DSN; the sender is deliberately not MAILER-DAEMON so only multipart/report can flag it.
    private static MimeMessage Bounce() => MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes("""
        From: Mail Delivery Subsystem <delivery@mx.customer.test>
        To: servicedesk@serviceflow.test
        Subject: Delivery Status Notification (Failure)
        Message-ID: <dsn-1@mx.customer.test>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain

        Delivery to xiaoming@customer.test failed permanently.
        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.customer.test

        Final-Recipient: rfc822; xiaoming@customer.test
        Action: failed
        Status: 5.1.1
        --b1--
        """.ReplaceLineEndings("\r\n"))));
}
