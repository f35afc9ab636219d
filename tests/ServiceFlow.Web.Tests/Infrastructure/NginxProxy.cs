using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ServiceFlow.Web.Tests.Infrastructure;

/// Debian's nginx terminating TLS in front of a test host, the way an operator runs ServiceFlow:
/// a self-signed certificate made for this run, X-Forwarded-For/-Proto to the upstream on loopback.
/// Clients address it by a real-looking name (desk.example) and connect to 127.0.0.1.
public sealed class NginxProxy : IAsyncDisposable
{
    const string Binary = "/usr/sbin/nginx";
    public const string HostName = "desk.example";

    readonly Process process;

    NginxProxy(Process process, Uri address, X509Certificate2 certificate)
    {
        this.process = process;
        Address = address;
        Certificate = certificate;
    }

    public Uri Address { get; }
    public X509Certificate2 Certificate { get; }

    public static async Task<NginxProxy> StartAsync(Uri upstream)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"nginx not found at {Binary}: install it with 'apt-get install -y nginx' (the test command does this).");
        var folder = TempFolder.Create("nginx");
        var certificate = WriteCertificate(folder);
        var port = FreePort();
        var conf = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(conf, string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 64; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              server {
                listen 127.0.0.1:{{port}} ssl;
                ssl_certificate {{folder}}/cert.pem;
                ssl_certificate_key {{folder}}/key.pem;
                location / {
                  proxy_pass {{upstream.GetLeftPart(UriPartial.Authority)}};
                  proxy_set_header Host $host:$server_port;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                }
              }
            }
            """));
        var psi = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", folder + "/", "-c", conf, "-e", Path.Combine(folder, "error.log"), "-g", "daemon off;" })
            psi.ArgumentList.Add(arg);
        var process = Process.Start(psi)!;
        var proxy = new NginxProxy(process, new Uri($"https://{HostName}:{port}/"), certificate);
        await proxy.WaitUntilListeningAsync(port, folder);
        return proxy;
    }

    async Task WaitUntilListeningAsync(int port, string folder)
    {
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
                break;
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        var log = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log")) : "";
        throw new InvalidOperationException($"nginx did not start: {log}");
    }

    static X509Certificate2 WriteCertificate(string folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={HostName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName(HostName);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        ServiceFlow.Web.Data.PrivateFiles.WriteAllText(Path.Combine(folder, "key.pem"), rsa.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Certificate.Dispose();
    }
}
