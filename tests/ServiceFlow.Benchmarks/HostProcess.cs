using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ServiceFlow.Benchmarks;

/// The real host as a separate process: the Release build of ServiceFlow.Web, environment Production, Kestrel
/// on 127.0.0.1, spoken to over TCP. Stopped (killed, with its children) when disposed.
internal sealed partial class HostProcess : IAsyncDisposable
{
    public const string AdminPassword = "Bench-Desk-Passw0rd-7e2a";
    public const string AdminToken = "bench-admin-token-7e2a";

    readonly Process process;
    public Uri BaseAddress { get; }
    public int Pid => process.Id;

    HostProcess(Process process, Uri baseAddress) => (this.process, BaseAddress) = (process, baseAddress);

    public static async Task<HostProcess> StartAsync(string root, string connectionString, string dataFolder, params (string Key, string Value)[] settings)
    {
        var dll = Path.Combine(root, "src", "ServiceFlow.Web", "bin", "Release", "net10.0", "ServiceFlow.Web.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"Build the host in Release first: {dll} is missing (dotnet build ServiceFlow.sln -c Release).");
        var port = FreePort();
        // Content root = the project folder, as `dotnet run` has it (wwwroot, workflows); the binary is the Release build.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.Combine(root, "src", "ServiceFlow.Web"), RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__ServiceFlow"] = connectionString;
        start.Environment["SERVICEFLOW_ADMIN_PASSWORD"] = AdminPassword;
        start.Environment["SERVICEFLOW_ADMIN_TOKEN"] = AdminToken;
        start.Environment["ServiceFlow__DataFolder"] = dataFolder;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DataProtection__GenerateCertificate"] = "true"; // a single node (docs/security.md)
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  host: {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  host: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var probe = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 240; i++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The host exited with {process.ExitCode} while starting.");
            try
            {
                if ((await probe.GetAsync("/readyz")).IsSuccessStatusCode)
                    return host;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("The host did not become ready within two minutes.");
    }

    public HttpClient ApiClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
        return client;
    }

    /// A browser-like client signed in as admin with the cookie (pages).
    public async Task<HttpClient> PageClientAsync()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var login = await client.GetStringAsync("/account/login");
        var token = WebUtility.HtmlDecode(Antiforgery().Match(login).Groups[1].Value);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin",
            ["Input.Password"] = AdminPassword,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as admin failed: {(int)response.StatusCode}");
        return client;
    }

    static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex Antiforgery();
}
