using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ServiceFlow.Web.Data.Embedded;

/// A private PostgreSQL cluster run from the locally installed server binaries, so that
/// `dotnet run` works on a machine with nothing configured (ARCHITECTURE D6).
/// The folder (0700) holds `data/` (the cluster), `password` (the superuser's, 0600; see
/// <see cref="ClusterCredentials"/>), `port` (the port it listens on) and `app.lock`, which one
/// process holds for as long as it uses the cluster: a second app on the same folder is refused
/// instead of corrupting the cluster.
internal sealed class EmbeddedPostgres : IAsyncDisposable
{
    public const string Superuser = "serviceflow";
    const string StartTimeoutSeconds = "60";

    readonly string root;
    readonly PostgresBinaries binaries;
    readonly OsAccount account;
    readonly ClusterCredentials credentials;
    FileStream? appLock;
    string? password;

    int maxConnections = 300;

    EmbeddedPostgres(string root, PostgresBinaries binaries, OsAccount account)
    {
        this.root = root;
        this.binaries = binaries;
        this.account = account;
        credentials = new ClusterCredentials(root);
    }

    public string PasswordFile => credentials.PasswordFile;
    public string SocketDirectory => Path.Combine(root, "run");

    public string DataDirectory => Path.Combine(root, "data");
    public int Port { get; private set; }
    public bool IsRunning { get; private set; }

    public string ConnectionString(string database = "serviceflow") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = password,
        Database = database,
        Pooling = true,
    }.ConnectionString;

    /// Creates (first time) or reuses the cluster in <paramref name="root"/> and starts it. One host needs far fewer
    /// than the default 300 connections; a test run whose hosts share one cluster asks for more.
    public static async Task<EmbeddedPostgres> StartAsync(string root, int maxConnections = 300, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Find();
        root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.GetDirectoryName(root)!);
        PrivateFiles.Folder(root);
        var pg = new EmbeddedPostgres(root, binaries, OsAccount.ForServer()) { maxConnections = maxConnections };
        try
        {
            pg.TakeAppLock();
            await pg.InitIfNeededAsync(cancellationToken);
            await pg.StartServerAsync(cancellationToken);
            await pg.RequirePasswordIfTrustedAsync(cancellationToken);
            await pg.EnsureDatabaseAsync("serviceflow", cancellationToken);
            return pg;
        }
        catch
        {
            pg.ReleaseAppLock();
            throw;
        }
    }

    void TakeAppLock()
    {
        var path = Path.Combine(root, "app.lock");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = PrivateFiles.OwnerOnly;
            appLock = new FileStream(path, options);
            appLock.SetLength(0);
            var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            appLock.Write(System.Text.Encoding.ASCII.GetBytes(pid));
            appLock.Flush();
        }
        catch (IOException)
        {
            var holder = File.Exists(path) ? SafeRead(path) : "?";
            throw new EmbeddedPostgresException(
                $"Another ServiceFlow process (pid {holder}) is already using the embedded database in '{root}'. " +
                "Stop that process first, or point this one at another server with ConnectionStrings__ServiceFlow.");
        }
    }

    void ReleaseAppLock()
    {
        appLock?.Dispose();
        appLock = null;
    }

    static string SafeRead(string path)
    {
        try { return File.ReadAllText(path).Trim(); }
        catch (IOException) { return "?"; }
    }

    async Task InitIfNeededAsync(CancellationToken ct)
    {
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            if (File.Exists(PasswordFile))
                password = credentials.PasswordOrCreate();
            else if (!ClusterCredentials.TrustsAnyone(DataDirectory))
                throw new EmbeddedPostgresException(
                    $"The embedded database in '{root}' needs the password kept in '{PasswordFile}', which is missing. " +
                    "Restore that file from the backup of the data folder, or point ServiceFlow at another server with ConnectionStrings__ServiceFlow.");
            return;
        }
        if (Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true); // a half-made cluster from an interrupted first start
        Directory.CreateDirectory(DataDirectory);
        password = credentials.PasswordOrCreate();
        account.GiveOwnership(root); // initdb, run as the server account, reads the password file
        await RunAsync(binaries.InitDb, ct,
            ["-D", DataDirectory, "-U", Superuser, "-E", "UTF8", "--locale=C.UTF-8", .. credentials.InitDbArguments()]);
    }

    /// A cluster made by an older ServiceFlow trusted every local connection: give it a password now.
    async Task RequirePasswordIfTrustedAsync(CancellationToken ct)
    {
        if (!ClusterCredentials.TrustsAnyone(DataDirectory))
            return;
        password = null;
        await credentials.RequirePasswordAsync(DataDirectory, ConnectionString("postgres"), ct);
        account.GiveOwnership(root);
        await RunAsync(binaries.PgCtl, ct, "reload", "-D", DataDirectory);
        password = credentials.PasswordOrCreate();
    }

    async Task StartServerAsync(CancellationToken ct)
    {
        account.GiveOwnership(root);
        RemoveStalePidFile();
        var socketDir = SocketDirectory;
        // Only our server uses this folder and it is not running now: socket lock files left by a
        // killed server would otherwise block the start just like a stale postmaster.pid.
        if (Directory.Exists(socketDir))
            Directory.Delete(socketDir, recursive: true);
        PrivateFiles.Folder(socketDir);
        account.GiveOwnership(socketDir);
        Port = ReadOrPickPort();
        try
        {
            await PgCtlStartAsync(socketDir, ct);
        }
        catch (EmbeddedPostgresException) when (!IsPortFree(Port))
        {
            // The remembered port was taken by someone else since the last run: pick a new one once.
            Port = PickFreePort();
            PrivateFiles.WriteAllText(Path.Combine(root, "port"), Port.ToString(CultureInfo.InvariantCulture));
            await PgCtlStartAsync(socketDir, ct);
        }
        IsRunning = true;
    }

    Task PgCtlStartAsync(string socketDir, CancellationToken ct)
    {
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{socketDir}' -c max_connections={maxConnections}");
        return RunAsync(binaries.PgCtl, ct, "start", "-w", "-t", StartTimeoutSeconds, "-D", DataDirectory,
            "-l", Path.Combine(root, "server.log"), "-o", options);
    }

    /// A killed server leaves postmaster.pid behind. PostgreSQL itself ignores a file whose pid is dead,
    /// but refuses when that pid now belongs to an unrelated process; only then do we remove it.
    void RemoveStalePidFile()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
            return;
        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        if (!int.TryParse(firstLine, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            File.Delete(pidFile);
            return;
        }
        if (IsLivePostgres(pid))
        {
            // An orphaned server of ours (its app was killed); we hold app.lock, so nobody else uses it.
            // Stop it so it restarts with our settings.
            RunAsync(binaries.PgCtl, CancellationToken.None, "stop", "-m", "fast", "-w", "-D", DataDirectory)
                .GetAwaiter().GetResult();
            return;
        }
        File.Delete(pidFile);
    }

    /// Alive and a postgres process; a zombie (a killed server nobody reaped, common in containers) is dead.
    static bool IsLivePostgres(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat) || !SafeRead($"/proc/{pid}/comm").StartsWith("postgres", StringComparison.Ordinal))
            return false;
        var text = SafeRead(stat);
        var state = text.LastIndexOf(')') is var close and > 0 && close + 2 < text.Length ? text[close + 2] : '?';
        return state is not ('Z' or 'X' or '?');
    }

    int ReadOrPickPort()
    {
        var remembered = ReadPortFile();
        if (remembered > 0 && IsPortFree(remembered))
            return remembered;
        var port = PickFreePort();
        PrivateFiles.WriteAllText(Path.Combine(root, "port"), port.ToString(CultureInfo.InvariantCulture));
        return port;
    }

    int ReadPortFile()
    {
        var file = Path.Combine(root, "port");
        return File.Exists(file) && int.TryParse(SafeRead(file), CultureInfo.InvariantCulture, out var p) ? p : 0;
    }

    static int PickFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async Task EnsureDatabaseAsync(string database, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", conn);
        exists.Parameters.AddWithValue("n", database);
        if (await exists.ExecuteScalarAsync(ct) is not null)
            return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", conn);
        await create.ExecuteNonQueryAsync(ct);
    }

    /// Stops the server cleanly (fast shutdown: open sessions are ended, data is flushed).
    public async Task StopAsync()
    {
        if (!IsRunning)
            return;
        NpgsqlConnection.ClearAllPools();
        IsRunning = false;
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            return; // stopped from outside already (e.g. by an operator's pg_ctl)
        await RunAsync(binaries.PgCtl, CancellationToken.None, "stop", "-m", "fast", "-w", "-D", DataDirectory);
    }

    /// For tests of crash recovery: kills the postmaster with SIGKILL, as a power cut or OOM killer would.
    public void KillServer()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        var pid = int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);
        Process.GetProcessById(pid).Kill(entireProcessTree: true);
        NpgsqlConnection.ClearAllPools();
        IsRunning = false;
    }

    /// Starts the server again after <see cref="StopAsync"/> or <see cref="KillServer"/>.
    public Task RestartAsync(CancellationToken ct = default) => StartServerAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            ReleaseAppLock();
        }
    }

    Task RunAsync(string exe, CancellationToken ct, params string[] args) => account.RunAsync(exe, args, ct);
}

internal sealed class EmbeddedPostgresException(string message) : Exception(message);
