namespace ServiceFlow.Web.Tests.Infrastructure.Mail;

// One real SMTP sink and one real IMAP server for every test in the "Mail servers" collection,
// started once. Tests isolate themselves by unique Message-Ids/subjects rather than by clearing.
public sealed class MailServersFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _root = System.IO.Directory.CreateTempSubdirectory("serviceflow-mail-");

    public MailServersFixture()
    {
        // Temp directories are 0700; dovecot's unprivileged processes must be able to pass through.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_root.FullName, (UnixFileMode)0b111_101_101);
        }

        Smtp = new SmtpSinkServer(Path.Combine(_root.FullName, "smtp-maildir"));
        System.IO.Directory.CreateDirectory(Path.Combine(_root.FullName, "imap"));
        Imap = new DovecotServer(Path.Combine(_root.FullName, "imap"));
    }

    public SmtpSinkServer Smtp { get; }

    public DovecotServer Imap { get; }

    public async Task InitializeAsync() => await Task.WhenAll(Smtp.StartAsync(), Imap.StartAsync());

    public async Task DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await Imap.DisposeAsync();
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // dovecot may still be closing files; a leftover temp dir is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MailServersCollection : ICollectionFixture<MailServersFixture>
{
    public const string Name = "Mail servers";
}
