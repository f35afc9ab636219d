using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using ServiceFlow.Web.Email;

namespace ServiceFlow.Web.Tests.Email;

public sealed class MailMessageBuilderTests
{
    private static readonly SmtpOptions Options = new() { FromAddress = "desk@serviceflow.test", FromName = "IT 服务台" };

    [Fact]
    public void Build_MakesUtf8MultipartAlternativeWithCallersMessageIdAndThreadHeaders()
    {
        var builder = MailTestServices.Builder(Options);
        var id = Guid.Parse("0b7c6f1e-7d1a-4a57-9b36-0c1f0c4c2a11");

        var message = builder.Build(MailTestServices.TicketReceived(id, builder, inReplyTo: "<customer-1@customer.test>"));

        message.MessageId.Should().Be("0b7c6f1e7d1a4a579b360c1f0c4c2a11@serviceflow");
        message.InReplyTo.Should().Be("customer-1@customer.test");
        message.References.Should().Equal("customer-1@customer.test");
        message.Headers[MailMessageBuilder.TicketHeader].Should().Be("SR-2025-000123");
        message.Headers[HeaderId.AutoSubmitted].Should().Be("auto-generated");
        message.From.Mailboxes.Single().Address.Should().Be("desk@serviceflow.test");
        var body = message.Body.Should().BeOfType<MultipartAlternative>().Subject;
        body.OfType<TextPart>().Select(p => p.ContentType.MimeType).Should().Equal("text/plain", "text/html");
        body.OfType<TextPart>().Should().OnlyContain(p => p.ContentType.Charset == "utf-8");
        message.TextBody.Should().Contain("SR-2025-000123");
        message.HtmlBody.Should().Contain("&lt;urgent&gt;");
    }

    [Fact]
    public void Build_SameOutboxRow_GivesSameMessageId()
    {
        var builder = MailTestServices.Builder(Options);
        var id = Guid.NewGuid();

        var first = builder.Build(MailTestServices.TicketReceived(id, builder));
        var retry = builder.Build(MailTestServices.TicketReceived(id, builder));

        retry.MessageId.Should().Be(first.MessageId);
    }

    [Fact]
    public async Task PickupFolderTransport_WritesOneEmlPerMessageId()
    {
        var folder = Directory.CreateTempSubdirectory("serviceflow-pickup-");
        try
        {
            var builder = MailTestServices.Builder(Options);
            var transport = new PickupFolderMailTransport(folder.FullName, NullLogger<PickupFolderMailTransport>.Instance);
            var mail = MailTestServices.TicketReceived(Guid.NewGuid(), builder);

            await transport.SendAsync(builder.Build(mail));
            await transport.SendAsync(builder.Build(mail));

            var file = folder.GetFiles("*.eml").Should().ContainSingle().Subject;
            var written = await MimeMessage.LoadAsync(file.FullName);
            written.MessageId.Should().Be(mail.MessageId);
            written.Subject.Should().Be(mail.Content.Subject);
            written.TextBody.Should().Be(mail.Content.TextBody);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
