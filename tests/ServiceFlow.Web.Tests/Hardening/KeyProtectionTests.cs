using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Hardening;

/// Data Protection keys sign cookies, bearer tokens and survey links; in the database they are encrypted
/// with a certificate that is kept elsewhere.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyProtectionTests
{
    [Fact]
    public async Task StoredKeys_AreEncryptedWithTheCertificate_NotPlainXml()
    {
        await using var app = ServiceFlowApp.StartOn(await TestDatabase.CreateDatabaseAsync("dpkeys"), runJobs: false);
        (await app.CreateClient().GetAsync("/account/login")).EnsureSuccessStatusCode(); // the antiforgery token needs a key

        var keys = await KeysAsync(app);

        keys.Should().NotBeEmpty();
        keys.Should().AllSatisfy(xml =>
        {
            xml.Should().Contain("encryptedSecret").And.Contain("EncryptedXmlDecryptor").And.Contain("<X509Certificate>");
            xml.Should().NotContain("<masterKey").And.NotContain("unencrypted form");
        });
    }

    [Fact]
    public async Task KeysStoredInPlainTextByAnOlderVersion_AreEncryptedAtStart_AndWhatTheySignedStillOpens()
    {
        var db = await TestDatabase.CreateDatabaseAsync("dpplain");
        string sealedText;
        // An older ServiceFlow: the same repository, no key encryption.
        await using (var old = OldVersionDataProtection(db))
        {
            await using (var scope = old.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().Database.MigrateAsync();
            sealedText = old.GetRequiredService<IDataProtectionProvider>().CreateProtector("survey").Protect("survey 42");
        }
        (await KeysOfAsync(db)).Should().ContainSingle().Which.Should().Contain("unencrypted form");

        await using var app = ServiceFlowApp.StartOn(db, runJobs: false);

        (await KeysAsync(app)).Should().ContainSingle().Which.Should().Contain("encryptedSecret").And.NotContain("<masterKey");
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("survey").Unprotect(sealedText).Should().Be("survey 42");
    }

    [Fact]
    public async Task Development_GeneratesTheCertificate_InThePrivateDataFolder()
    {
        var folder = TempFolder.Create("dp-dev");
        await using var app = new UnconfiguredKeysApp("Development", folder);
        await app.InitializeAsync();

        var pfx = Path.Combine(folder, "keys", "dataprotection.pfx");
        File.GetUnixFileMode(pfx).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.GetDirectoryName(pfx)!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(folder).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task Production_RefusesToStart_WithoutACertificate_AndSaysWhatToSet()
    {
        await using var app = new UnconfiguredKeysApp("Production", TempFolder.Create("dp-prod"));

        var start = () => app.InitializeAsync();

        (await start.Should().ThrowAsync<Exception>()).Which.ToString()
            .Should().Contain("DataProtection__Certificate__Path").And.Contain("DataProtection__GenerateCertificate").And.Contain("docs/security.md");
    }

    static ServiceProvider OldVersionDataProtection(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<ServiceFlowDbContext>(o => o.UseNpgsql(connectionString,
            npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", ServiceFlowDbContext.Schema)));
        services.AddDataProtection().SetApplicationName("ServiceFlow");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DbXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        return services.BuildServiceProvider();
    }

    static async Task<List<string>> KeysAsync(ServiceFlowApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
    }

    static async Task<List<string>> KeysOfAsync(string connectionString)
    {
        await using var db = new ServiceFlowDbContext(new DbContextOptionsBuilder<ServiceFlowDbContext>().UseNpgsql(connectionString).Options);
        return await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
    }

    /// A host with no certificate configured, in the given environment and data folder.
    sealed class UnconfiguredKeysApp(string environment, string dataFolder) : ServiceFlowApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            builder.UseSetting("DataProtection:Certificate:Path", "");
            builder.UseSetting("ServiceFlow:DataFolder", dataFolder);
        }
    }
}
