using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ServiceFlow.Web.Email;

internal static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ImapOptions>().BindConfiguration(ImapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            return MailTemplateRenderer.Load(Path.Combine(AppContext.BaseDirectory, o.TemplatesPath), o.DefaultCulture, o.OrganisationName);
        });
        // Builds the renderer while the host starts, so a broken template fails start-up with its file and line.
        services.AddHostedService<MailTemplatesStartupCheck>();

        services.AddSingleton<PublicLinks>();
        services.AddHostedService<PublicLinksStartupCheck>();
        services.AddSingleton<MailMessageBuilder>();
        services.AddSingleton<ImapMailboxReader>();
        services.AddSingleton<MailIntake>();
        services.AddSingleton(sp => new Runtime.FeatureWorkflow(sp.GetRequiredService<IOptions<ImapOptions>>().Value.IntakeWorkflowKey,
            "the mail intake: each new customer mail starts it"));
        services.AddHostedService<MailIntakePoller>();

        // Chosen once from configuration: a developer with no SMTP server gets .eml files instead.
        if (!string.IsNullOrWhiteSpace(configuration[$"{SmtpOptions.Section}:{nameof(SmtpOptions.Host)}"]))
        {
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
        else
        {
            services.AddSingleton<IMailTransport>(sp => new PickupFolderMailTransport(
                Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, sp.GetRequiredService<IOptions<EmailOptions>>().Value.PickupFolder),
                sp.GetRequiredService<ILogger<PickupFolderMailTransport>>()));
        }

        return services;
    }

    /// Delivery of the outbox through Hangfire (needs AddJobs).
    public static IServiceCollection AddEmailOutbox(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration("Email:Outbox");
        services.AddSingleton<MailDelivery>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<Jobs.IIntentHandler>(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    private sealed class MailTemplatesStartupCheck(MailTemplateRenderer renderer) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            renderer.TemplateNames.Count > 0
                ? Task.CompletedTask
                : throw new InvalidOperationException("No mail templates were found (Email:TemplatesPath).");

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
