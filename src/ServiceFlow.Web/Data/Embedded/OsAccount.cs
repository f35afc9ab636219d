using System.Diagnostics;

namespace ServiceFlow.Web.Data.Embedded;

/// The account the PostgreSQL server runs as. PostgreSQL refuses to run as root, so when
/// ServiceFlow itself is started as root (as on CI machines and containers) the server runs
/// under an unprivileged account (`postgres` when it exists, else `nobody`) via `runuser`.
internal sealed class OsAccount
{
    readonly string? runAs;

    OsAccount(string? runAs) => this.runAs = runAs;

    /// True when the server runs under another account than ours, which must then pass through our data folder.
    public bool IsOtherAccount => runAs is not null;

    public string Name => runAs ?? Environment.UserName;

    public static OsAccount ForServer()
    {
        if (Environment.UserName != "root")
            return new OsAccount(null);
        var configured = Environment.GetEnvironmentVariable("SERVICEFLOW_PG_USER");
        if (!string.IsNullOrWhiteSpace(configured))
            return new OsAccount(configured);
        var hasPostgres = File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal));
        return new OsAccount(hasPostgres ? "postgres" : "nobody");
    }

    public void GiveOwnership(string path)
    {
        if (runAs is null)
            return;
        RunAsync("chown", ["-R", runAs, path], asServer: false, CancellationToken.None).GetAwaiter().GetResult();
    }

    public Task RunAsync(string exe, IReadOnlyList<string> args, CancellationToken ct) => RunAsync(exe, args, asServer: true, ct);

    async Task RunAsync(string exe, IReadOnlyList<string> args, bool asServer, CancellationToken ct)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServer && runAs is not null)
        {
            psi.FileName = "runuser";
            foreach (var a in new[] { "-u", runAs, "--", exe })
                psi.ArgumentList.Add(a);
        }
        else
        {
            psi.FileName = exe;
        }
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        // The server inherits our environment; a locale it lacks only makes it noisy.
        psi.Environment["LC_ALL"] = "C.UTF-8";

        using var process = Process.Start(psi) ?? throw new EmbeddedPostgresException($"Could not start {exe}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new EmbeddedPostgresException(
                $"'{Path.GetFileName(exe)} {string.Join(' ', args)}' failed with exit code {process.ExitCode}: " +
                $"{(await stderr).Trim()} {(await stdout).Trim()}".Trim());
        }
    }
}
