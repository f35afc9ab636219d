using System.Security.Cryptography;
using Npgsql;

namespace ServiceFlow.Web.Data.Embedded;

/// The embedded cluster's superuser password. Every local account can reach 127.0.0.1 and, on a shared
/// machine, guess the socket folder, so "trust" would make any of them superuser: the cluster asks for a
/// password (scram-sha-256) on TCP and on the unix socket, and the password lives only in `password`
/// (mode 0600) beside the cluster, generated on first start.
internal sealed class ClusterCredentials(string root)
{
    const string HbaHeader = "# Written by ServiceFlow: every connection, TCP or unix socket, must give the password kept in ../password.";

    public string PasswordFile => Path.Combine(root, "password");

    /// Reads the password, creating the file (0600) with a random one when it is missing.
    public string PasswordOrCreate()
    {
        if (File.Exists(PasswordFile))
            return File.ReadAllText(PasswordFile).Trim();
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        PrivateFiles.WriteAllText(PasswordFile, password);
        return password;
    }

    /// initdb arguments for a new cluster: the password from the file and no trust anywhere.
    public IEnumerable<string> InitDbArguments() =>
        ["--auth-local=scram-sha-256", "--auth-host=scram-sha-256", $"--pwfile={PasswordFile}"];

    /// Clusters made before passwords were required (initdb --auth=trust) still trust everyone.
    public static bool TrustsAnyone(string dataDirectory) =>
        File.ReadLines(Path.Combine(dataDirectory, "pg_hba.conf"))
            .Select(l => l.Trim())
            .Any(l => l.Length > 0 && !l.StartsWith('#') && l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[^1] == "trust");

    /// Upgrades a running trust cluster in place: sets the superuser's password (while trust still lets
    /// us in), then rewrites pg_hba.conf to require it. The caller reloads the server configuration.
    public async Task RequirePasswordAsync(string dataDirectory, string connectionStringWithoutPassword, CancellationToken ct)
    {
        var password = PasswordOrCreate();
        await using (var conn = new NpgsqlConnection(connectionStringWithoutPassword))
        {
            await conn.OpenAsync(ct);
            // ALTER ROLE takes no parameters; the password is base64url (no quotes), quoted as a literal anyway.
            await using var alter = new NpgsqlCommand(
                $"SET password_encryption = 'scram-sha-256'; ALTER ROLE \"{EmbeddedPostgres.Superuser}\" PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'", conn);
            await alter.ExecuteNonQueryAsync(ct);
        }
        NpgsqlConnection.ClearAllPools();
        // Keeps the file's owner (the server account) and mode: only its text changes.
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "pg_hba.conf"), string.Join('\n',
            HbaHeader,
            "local   all   all                  scram-sha-256",
            "host    all   all   127.0.0.1/32   scram-sha-256",
            "host    all   all   ::1/128        scram-sha-256",
            ""), ct);
    }
}
