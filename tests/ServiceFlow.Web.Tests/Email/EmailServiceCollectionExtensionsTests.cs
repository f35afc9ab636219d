using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServiceFlow.Web.Email;

namespace ServiceFlow.Web.Tests.Email;

public sealed class EmailServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddEmail_WithoutSmtpHost_UsesPickupFolderAndLoadsTemplatesAtStart()
    {
        using var host = Build(new() { ["Email:PickupFolder"] = Path.Combine(Path.GetTempPath(), "serviceflow-pickup-di") });

        await host.StartAsync();

        host.Services.GetRequiredService<IMailTransport>().Should().BeOfType<PickupFolderMailTransport>();
        host.Services.GetRequiredService<MailTemplateRenderer>().TemplateNames.Should().Contain("ticket-received");
        await host.StopAsync();
    }

    [Fact]
    public void AddEmail_WithSmtpHost_UsesSmtp()
    {
        using var host = Build(new() { ["Smtp:Host"] = "smtp.example.com", ["Smtp:Port"] = "465", ["Smtp:TlsMode"] = "SslOnConnect" });

        host.Services.GetRequiredService<IMailTransport>().Should().BeOfType<SmtpMailTransport>();
    }

    [Fact]
    public async Task AddEmail_MissingTemplateFolder_FailsStartup()
    {
        using var host = Build(new() { ["Email:TemplatesPath"] = "/nonexistent/templates" });

        var start = () => host.StartAsync();

        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("*Email:TemplatesPath*");
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddEmail(builder.Configuration);
        // AddEmail's outbox dispatcher enqueues through Hangfire, which the host (AddJobs) provides.
        builder.Services.AddSingleton<Hangfire.IBackgroundJobClient, NoJobs>();
        return builder.Build();
    }

    private sealed class NoJobs : Hangfire.IBackgroundJobClient
    {
        public string Create(Hangfire.Common.Job job, Hangfire.States.IState state) => "";

        public bool ChangeState(string jobId, Hangfire.States.IState state, string expectedState) => false;
    }
}
