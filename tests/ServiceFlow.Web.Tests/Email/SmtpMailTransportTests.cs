using ServiceFlow.Web.Email;
using ServiceFlow.Web.Tests.Infrastructure.Mail;

namespace ServiceFlow.Web.Tests.Email;

[Collection(MailServersCollection.Name)]
public sealed class SmtpMailTransportTests(MailServersFixture servers)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SendAsync_DeliversRenderedMailWithMessageIdSubjectAndBothBodies()
    {
        var options = MailTestServices.Smtp(servers.Smtp);
        var builder = MailTestServices.Builder(options);
        var mail = MailTestServices.TicketReceived(Guid.NewGuid(), builder);

        await MailTestServices.Transport(options).SendAsync(builder.Build(mail));

        var received = (await WaitForAsync(mail.MessageId, 1)).Single();
        received.Subject.Should().Be(mail.Content.Subject);
        received.Subject.Should().Contain("我们已收到您的服务请求");
        received.TextBody.Should().Be(mail.Content.TextBody);
        received.HtmlBody.Should().Be(mail.Content.HtmlBody);
        received.Headers[MailMessageBuilder.TicketHeader].Should().Be("SR-2025-000123");
        received.To.Mailboxes.Single().Address.Should().Be("xiaoming@customer.test");
    }

    [Fact]
    public async Task SendAsync_Retry_DeliversSameMessageIdTwice_SoReceiversCanDeduplicate()
    {
        var options = MailTestServices.Smtp(servers.Smtp);
        var builder = MailTestServices.Builder(options);
        var mail = MailTestServices.TicketReceived(Guid.NewGuid(), builder);
        var transport = MailTestServices.Transport(options);

        // An "unknown outcome" retry rebuilds the message from the same outbox row.
        await transport.SendAsync(builder.Build(mail));
        await transport.SendAsync(builder.Build(mail));

        var received = await WaitForAsync(mail.MessageId, 2);
        received.Select(m => m.MessageId).Distinct().Should().ContainSingle().Which.Should().Be(mail.MessageId);
        received.Select(m => m.TextBody).Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task SendAsync_ServerDown_ThrowsRetryableDeliveryException_ThenSucceedsAfterRestart()
    {
        var options = MailTestServices.Smtp(servers.Smtp);
        var builder = MailTestServices.Builder(options);
        var mail = MailTestServices.TicketReceived(Guid.NewGuid(), builder);
        var transport = MailTestServices.Transport(options);

        await servers.Smtp.StopAsync();
        try
        {
            var send = () => transport.SendAsync(builder.Build(mail));

            var thrown = await send.Should().ThrowAsync<MailDeliveryException>();
            thrown.Which.IsPermanent.Should().BeFalse();
            thrown.Which.Message.Should().Contain($"127.0.0.1:{servers.Smtp.Port}").And.Contain(mail.MessageId);
        }
        finally
        {
            await servers.Smtp.StartAsync();
        }

        await transport.SendAsync(builder.Build(mail));
        (await WaitForAsync(mail.MessageId, 1)).Should().ContainSingle();
    }

    private async Task<IReadOnlyList<MimeKit.MimeMessage>> WaitForAsync(string messageId, int count)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var matching = servers.Smtp.ReceivedMessages().Where(m => m.MessageId == messageId).ToList();
            if (matching.Count >= count || DateTime.UtcNow > deadline)
            {
                matching.Should().HaveCount(count, "the sink should have stored the message(s) with Message-Id {0}", messageId);
                return matching;
            }

            await Task.Delay(50);
        }
    }
}
