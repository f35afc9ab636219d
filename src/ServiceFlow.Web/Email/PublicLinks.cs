using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ServiceFlow.Web.Email;

/// `ServiceFlow:PublicUrl`: the address people reach the desk at (https://desk.example.com, behind any proxy).
/// Every link in mail is made absolute with it, so it opens from a mail client. Unset, links use the first address
/// this host listens on, which is right on a developer's machine and wrong behind a proxy: the host warns at start
/// outside Development.
internal sealed class PublicLinks
{
    public const string Key = "ServiceFlow:PublicUrl";

    readonly Uri? configured;
    readonly IServiceProvider services;

    // The server is looked up when a link is made: a host without one (a tool, a test) still builds mail.
    public PublicLinks(IConfiguration configuration, IServiceProvider services)
    {
        this.services = services;
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
            return;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new InvalidOperationException($"{Key} '{text}' is not an absolute http(s) address such as https://desk.example.com; links in mail are built from it.");
        configured = uri;
    }

    public bool IsConfigured => configured is not null;

    /// The configured address, else what the server listens on (a wildcard host read as localhost).
    public Uri? Base => configured ?? Listening();

    Uri? Listening()
    {
        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
            return null;
        address = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : null;
    }
}

/// Reads `ServiceFlow:PublicUrl` at start (a malformed one stops the host) and warns when it is missing where
/// customers would get links to an address only this machine knows.
internal sealed class PublicLinksStartupCheck(PublicLinks links, IHostEnvironment environment, ILogger<PublicLinks> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!links.IsConfigured && !environment.IsDevelopment())
            log.LogWarning("{Key} is not set: links in mail (surveys, tasks, tickets) will use the address this host listens on, which customers may not reach. Set it to the address people use, e.g. https://desk.example.com", PublicLinks.Key);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
