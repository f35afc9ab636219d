using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace ServiceFlow.Web.Data;

/// The Data Protection keys (they sign the sign-in cookie, bearer tokens and survey links) are kept in the
/// database so every node shares them; in the database they are encrypted with a certificate that is not
/// (see docs/security.md). Configuration: `DataProtection:Certificate:{Path,Password,KeyPath}`, older ones
/// still needed to read keys under `DataProtection:PreviousCertificates:N:…`. With nothing configured a
/// certificate is generated in the data folder, except in Production unless `DataProtection:GenerateCertificate`.
internal static class KeyProtection
{
    public const string Section = "DataProtection";

    public sealed class CertificateFile
    {
        public string? Path { get; set; }
        public string? Password { get; set; }
        /// A PEM private key when Path is a PEM certificate; a PFX carries its own key.
        public string? KeyPath { get; set; }
    }

    public sealed class Options
    {
        public CertificateFile Certificate { get; set; } = new();
        public List<CertificateFile> PreviousCertificates { get; set; } = [];
        public bool GenerateCertificate { get; set; }
    }

    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder dataProtection, WebApplicationBuilder builder, string dataFolder)
    {
        var options = builder.Configuration.GetSection(Section).Get<Options>() ?? new Options();
        var current = options.Certificate.Path is { Length: > 0 }
            ? Load(options.Certificate)
            : Generated(builder.Environment, options, Path.Combine(dataFolder, "keys"));
        X509Certificate2[] readable = [current, .. options.PreviousCertificates.Where(c => c.Path is { Length: > 0 }).Select(Load)];
        return dataProtection.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate(readable);
    }

    static X509Certificate2 Load(CertificateFile file)
    {
        var path = System.IO.Path.GetFullPath(file.Path!);
        if (!File.Exists(path))
            throw new KeyProtectionException($"ServiceFlow: the Data Protection certificate '{path}' (DataProtection:Certificate:Path) does not exist.");
        var certificate = file.KeyPath is { Length: > 0 }
            ? X509Certificate2.CreateFromPemFile(path, file.KeyPath)
            : X509CertificateLoader.LoadPkcs12FromFile(path, file.Password);
        if (!certificate.HasPrivateKey)
            throw new KeyProtectionException($"ServiceFlow: the Data Protection certificate '{path}' has no private key; keys encrypted with it could not be read back. Use a PFX, or set DataProtection:Certificate:KeyPath to its PEM key.");
        return certificate;
    }

    static X509Certificate2 Generated(IHostEnvironment environment, Options options, string folder)
    {
        var path = Path.Combine(folder, "dataprotection.pfx");
        if (File.Exists(path))
            return X509CertificateLoader.LoadPkcs12FromFile(path, null);
        if (environment.IsProduction() && !options.GenerateCertificate)
            throw new KeyProtectionException(
                "ServiceFlow: the Data Protection keys (sign-in cookies, bearer tokens, survey links) are stored in the database " +
                "and must be encrypted there, but no certificate is configured. Set DataProtection__Certificate__Path to a PFX " +
                "(and DataProtection__Certificate__Password) or to a PEM certificate (and DataProtection__Certificate__KeyPath), " +
                "the same on every node; or, for a single node, set DataProtection__GenerateCertificate=true to create one in " +
                $"'{folder}' (back it up with the database). See docs/security.md.");
        PrivateFiles.Folder(folder);
        using var generated = CreateSelfSigned();
        PrivateFiles.WriteAllBytes(path, generated.Export(X509ContentType.Pkcs12));
        Console.WriteLine($"ServiceFlow: generated the certificate that encrypts Data Protection keys at rest: {path} (0600). Back it up with the database: without it, sign-ins and survey links made so far stop working.");
        return X509CertificateLoader.LoadPkcs12FromFile(path, null);
    }

    /// RSA 3072, self-signed: only its key matters (EncryptedXml wraps each Data Protection key with it).
    public static X509Certificate2 CreateSelfSigned()
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=ServiceFlow Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        // The machine's clock, not the desk's: X.509 validity is checked against it (a fake desk clock in tests must not matter).
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
    }
}

internal sealed class KeyProtectionException(string message) : Exception(message);
