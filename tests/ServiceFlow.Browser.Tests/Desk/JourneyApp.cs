using System.Globalization;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Infrastructure.Mail;

namespace ServiceFlow.Browser.Tests.Desk;

/// The desk in a browser with a real SMTP server for customer mail (the survey tests' sink); mail links are built
/// on the address the host listens on (no ServiceFlow:PublicUrl), so a browser can follow them. It implements
/// IAsyncLifetime again so that xUnit disposes it through its own DisposeAsync, which stops the SMTP server.
public sealed class JourneyApp : BrowserApp, IAsyncLifetime
{
    readonly string maildir = TempFolder.Create("journey-smtp");

    public SmtpSinkServer Smtp { get; }

    public JourneyApp() => Smtp = new SmtpSinkServer(Path.Combine(maildir, "maildir"));

    public override async Task InitializeAsync()
    {
        await Smtp.StartAsync();
        await base.InitializeAsync();
    }

    protected override IEnumerable<(string Key, string Value)> ExtraSettings() =>
    [
        ("Smtp:Host", Smtp.Host), ("Smtp:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture)), ("Smtp:TlsMode", "None"),
        ("Smtp:FromAddress", "desk@serviceflow.test"), ("Smtp:TimeoutSeconds", "5"),
        ("Email:Outbox:RetryDelaysSeconds:0", "1"), ("Runtime:SweepSeconds", "1"),
    ];

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
