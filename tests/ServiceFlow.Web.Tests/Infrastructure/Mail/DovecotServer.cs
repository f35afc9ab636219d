using System.Diagnostics;
using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace ServiceFlow.Web.Tests.Infrastructure.Mail;

// A private dovecot (IMAP only, plaintext on loopback) with one user and a Maildir in a temp dir.
// As root, dovecot drops to the package's unprivileged users (dovecot/dovenull) and the mail is
// owned by "dovecot"; as anyone else it runs everything as the current user.
public sealed class DovecotServer(string directory) : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/dovecot";
    private Process? _process;

    public string Host { get; } = "127.0.0.1";

    public int Port { get; } = FreePort.Next();

    public string UserName { get; } = "servicedesk";

    public string Password { get; } = "test-password";

    public string Directory { get; } = directory;

    public async Task StartAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException("The IMAP test server needs dovecot: run `apt-get install -y dovecot-imapd`.");
        }

        var (user, login, uid, gid) = ProcessIdentity();
        var mail = Path.Combine(Directory, "mail");
        System.IO.Directory.CreateDirectory(mail);
        // Temp directories are 0700; dovecot's unprivileged processes must reach the files below.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Directory, (UnixFileMode)0b111_101_101);
        }

        if (uid != CurrentUid())
        {
            Chown(mail, uid, gid);
        }

        var passwd = Path.Combine(Directory, "passwd");
        await File.WriteAllTextAsync(passwd, $"{UserName}:{{PLAIN}}{Password}::::::\n");
        var config = Path.Combine(Directory, "dovecot.conf");
        await File.WriteAllTextAsync(config, $$"""
            base_dir = {{Directory}}/run
            state_dir = {{Directory}}/state
            instance_name = serviceflow-test-{{Port}}
            listen = 127.0.0.1
            protocols = imap
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            log_path = {{Directory}}/dovecot.log
            mail_location = maildir:{{mail}}/%u
            first_valid_uid = {{uid}}
            default_internal_user = {{user}}
            default_internal_group = {{user}}
            default_login_user = {{login}}
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{passwd}}
            }
            userdb {
              driver = static
              args = uid={{uid}} gid={{gid}} home={{mail}}/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service stats {
              inet_listener http {
                port = 0
              }
            }
            """);

        var start = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-c", config, "-F" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dovecot.");
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(20), Log);
    }

    public async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(UserName, Password);
        return client;
    }

    // Delivers a message the way a mail server would, so the reader has something to fetch; returns its UID.
    public async Task<uint> AppendAsync(MimeMessage message, string folder = "INBOX")
    {
        using var client = await ConnectAsync();
        var target = await client.GetFolderAsync(folder);
        var uid = await target.AppendAsync(message, MessageFlags.None);
        await client.DisconnectAsync(true);
        return uid?.Id ?? throw new InvalidOperationException("dovecot did not report the appended UID (UIDPLUS).");
    }

    public string Log()
    {
        var path = Path.Combine(Directory, "dovecot.log");
        return File.Exists(path) ? "dovecot.log: " + File.ReadAllText(path) : "";
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private static (string User, string Login, int Uid, int Gid) ProcessIdentity()
    {
        if (CurrentUid() != 0)
        {
            var name = Environment.UserName;
            return (name, name, CurrentUid(), CurrentGid());
        }

        var users = File.ReadAllLines("/etc/passwd").Select(l => l.Split(':')).Where(f => f.Length > 3).ToDictionary(f => f[0]);
        if (!users.TryGetValue("dovecot", out var dovecot) || !users.ContainsKey("dovenull"))
        {
            throw new InvalidOperationException("dovecot's system users are missing: reinstall with `apt-get install -y --reinstall dovecot-core`.");
        }

        return ("dovecot", "dovenull", int.Parse(dovecot[2], CultureInfo.InvariantCulture), int.Parse(dovecot[3], CultureInfo.InvariantCulture));
    }

    private static int CurrentUid() => StatusId("Uid:");

    private static int CurrentGid() => StatusId("Gid:");

    // Real id from /proc/self/status; avoids P/Invoke for one number.
    private static int StatusId(string field) => int.Parse(
        File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1],
        CultureInfo.InvariantCulture);

    private static void Chown(string path, int uid, int gid)
    {
        using var chown = Process.Start("chown", ["-R", $"{uid}:{gid}", path]);
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown {uid}:{gid} {path} failed.");
        }
    }
}
