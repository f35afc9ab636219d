using System.Net;
using System.Net.Sockets;

namespace ServiceFlow.Web.Tests.Infrastructure;

/// The real host on a real socket, for tests where the client's address or a proxy in front matters.
/// Linux answers on all of 127.0.0.0/8, so clients bound to 127.0.0.2, 127.0.0.3, … are different
/// clients to the server, as different machines would be.
public class KestrelApp : ServiceFlowApp
{
    public Uri BaseAddress { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        UseKestrel(0);
        await base.InitializeAsync();
        BaseAddress = ClientOptions.BaseAddress;
    }

    protected override HttpClient CreateApiClient() => new() { BaseAddress = BaseAddress };

    /// A client whose connections come from <paramref name="from"/> (a loopback address); no cookies
    /// are kept, so tests see each Set-Cookie header as the server sent it.
    public HttpClient ClientFrom(IPAddress from) => ClientFrom(from, BaseAddress);

    public static HttpClient ClientFrom(IPAddress from, Uri baseAddress, Func<System.Security.Cryptography.X509Certificates.X509Certificate2?, bool>? trustServer = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    var target = IPAddress.TryParse(context.DnsEndPoint.Host, out var ip) ? ip : IPAddress.Loopback;
                    await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        if (trustServer is not null)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                trustServer(certificate as System.Security.Cryptography.X509Certificates.X509Certificate2);
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }
}
