using System.Security.Cryptography.X509Certificates;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Tests.Infrastructure;

/// One Data Protection certificate for every host of the test run, as production nodes share one: hosts
/// started on the same database (crash and two-node tests) read each other's keys.
public static class TestKeys
{
    static readonly Lazy<string> Pfx = new(() =>
    {
        var path = Path.Combine(TempFolder.Create("dp-cert"), "dataprotection.pfx");
        using var certificate = KeyProtection.CreateSelfSigned();
        PrivateFiles.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        return path;
    });

    public static string CertificatePath => Pfx.Value;
}
