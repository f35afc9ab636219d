using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using Npgsql;
using ServiceFlow.Web.Data.Embedded;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Hardening;

/// What other accounts on the machine can reach: the embedded cluster and the files in the data folder.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests
{
    const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    const UnixFileMode OwnerOnlyFolder = OwnerOnly | UnixFileMode.UserExecute;

    [Fact]
    public async Task EmbeddedPostgres_RefusesConnectionsWithoutThePassword_OverTcpAndTheUnixSocket()
    {
        var folder = TempFolder.Create("pg-auth");
        await using var pg = await EmbeddedPostgres.StartAsync(folder);

        File.GetUnixFileMode(pg.PasswordFile).Should().Be(OwnerOnly);
        File.GetUnixFileMode(folder).Should().Be(OwnerOnlyFolder);
        var withPassword = new NpgsqlConnectionStringBuilder(pg.ConnectionString("postgres"));
        withPassword.Password.Should().Be((await File.ReadAllTextAsync(pg.PasswordFile)).Trim());
        (await CanConnectAsync(withPassword.ConnectionString)).Should().BeNull("the app connects with the password from the file");

        var tcp = new NpgsqlConnectionStringBuilder(withPassword.ConnectionString) { Password = null };
        var socket = new NpgsqlConnectionStringBuilder(tcp.ConnectionString) { Host = pg.SocketDirectory };
        var wrong = new NpgsqlConnectionStringBuilder(withPassword.ConnectionString) { Password = "guess" };

        (await CanConnectAsync(tcp.ConnectionString)).Should().Contain("password", "TCP on 127.0.0.1 without a password is refused");
        (await CanConnectAsync(socket.ConnectionString)).Should().Contain("password", "the unix socket without a password is refused too");
        (await CanConnectAsync(wrong.ConnectionString)).Should().Contain("28P01", "a wrong password is refused by the server");
    }

    [Fact]
    public async Task EmbeddedPostgres_MadeByAnOlderVersionWithTrust_GetsAPassword_AndKeepsItsData()
    {
        var folder = TempFolder.Create("pg-upgrade");
        await using (var first = await EmbeddedPostgres.StartAsync(folder))
        {
            await ExecAsync(first.ConnectionString(), "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        }
        // What an older ServiceFlow left behind: trust for everyone and no password file.
        var hba = Path.Combine(folder, "data", "pg_hba.conf");
        await File.WriteAllTextAsync(hba, "local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n");
        File.Delete(Path.Combine(folder, "password"));

        await using var second = await EmbeddedPostgres.StartAsync(folder);

        File.GetUnixFileMode(second.PasswordFile).Should().Be(OwnerOnly);
        (await File.ReadAllTextAsync(hba)).Should().NotContain("trust");
        var tcp = new NpgsqlConnectionStringBuilder(second.ConnectionString()) { Password = null };
        (await CanConnectAsync(tcp.ConnectionString)).Should().Contain("password");
        await using var conn = new NpgsqlConnection(second.ConnectionString());
        await conn.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT v FROM kept", conn);
        (await read.ExecuteScalarAsync()).Should().Be("still here");
    }

    [Fact]
    public async Task PickupFolder_WritesMail0600_InAFolderOnlyItsOwnerEnters()
    {
        var folder = Path.Combine(TempFolder.Create("pickup"), "mail");
        Directory.CreateDirectory(folder); // as an older version left it: 0755
        var transport = new PickupFolderMailTransport(folder, NullLogger<PickupFolderMailTransport>.Instance);
        var message = new MimeMessage { Subject = "Your survey", Body = new TextPart("plain") { Text = "https://desk.example/survey/secret-token" } };
        message.From.Add(MailboxAddress.Parse("desk@example.com"));
        message.To.Add(MailboxAddress.Parse("customer@example.com"));

        await transport.SendAsync(message);

        File.GetUnixFileMode(transport.PathFor(message.MessageId!)).Should().Be(OwnerOnly);
        File.GetUnixFileMode(folder).Should().Be(OwnerOnlyFolder);
    }

    static async Task<string?> CanConnectAsync(string connectionString)
    {
        try
        {
            await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await conn.OpenAsync();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return $"{(e as PostgresException)?.SqlState} {e.Message}";
        }
    }

    static async Task ExecAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
