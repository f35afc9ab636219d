using System.Diagnostics;
using MimeKit;

namespace ServiceFlow.Web.Tests.Infrastructure.Mail;

// scripts/mail/smtp_sink.py (aiosmtpd) on 127.0.0.1:Port, storing each message in a Maildir.
// StopAsync/StartAsync keep the port, so a test can take "the SMTP server" down for a while.
public sealed class SmtpSinkServer(string maildir) : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private Process? _process;
    private readonly System.Text.StringBuilder _stderr = new();

    public string Host { get; } = "127.0.0.1";

    public int Port { get; } = FreePort.Next();

    public string Maildir { get; } = maildir;

    public bool IsRunning => _process is { HasExited: false };

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        EnsurePrerequisites();
        Directory.CreateDirectory(Maildir);
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { RepoPaths.SmtpSinkScript, "--host", Host, "--port", Port.ToString(), "--maildir", Maildir })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PYTHONWARNINGS"] = "ignore::DeprecationWarning";
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP sink.");
        _process.ErrorDataReceived += (_, e) => { lock (_stderr) { _stderr.AppendLine(e.Data); } };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(20), () => $"smtp_sink.py said: {Stderr}");
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    // Every message received so far, oldest first.
    public IReadOnlyList<MimeMessage> ReceivedMessages()
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder)
            .Select(f => new FileInfo(f))
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => MimeMessage.Load(f.FullName))
            .ToList();
    }

    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = ReceivedMessages();
            if (messages.Count >= count)
            {
                return messages;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} message(s) in {Maildir}, got {messages.Count} after {timeout.TotalSeconds:0}s.");
            }

            await Task.Delay(50);
        }
    }

    public void Clear()
    {
        foreach (var sub in new[] { "new", "cur", "tmp" })
        {
            var folder = Path.Combine(Maildir, sub);
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder))
                {
                    File.Delete(file);
                }
            }
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static void EnsurePrerequisites()
    {
        if (!File.Exists(Python) || !Directory.Exists("/usr/lib/python3/dist-packages/aiosmtpd"))
        {
            throw new InvalidOperationException(
                "The SMTP test server needs Debian's python3 with aiosmtpd: run `apt-get install -y python3-aiosmtpd`.");
        }
    }
}
